namespace Unico.IdCloud.Benchmarks.Infrastructure;

/// <summary>
/// Response bodies copied from the vendor's API reference (shared/seeds/unico-by-unico-api-pt-br.txt), so the benchmarks
/// parse what the real service sends, including its quirks (an OCR date of 2025-10-35, numbers where strings are usual).
/// </summary>
internal static class VendorExamples
{
    /// <summary>The GetProcess example (<c>GET /client/v1/process/{processId}</c>), verbatim.</summary>
    public const string GetProcessJson = """
        {
          "process": {
            "id": "53060f52-f146-4c12-a234-5bb5031f6f5b",
            "flow": "idunicosign",
            "callbackUri": "/path/to/callback-url/",
            "userRedirectUrl": "https://cadastro.dev.unico.app/process/53060f52-f146-4c12-a234-5bb5031f6f5b",
            "state": "PROCESS_STATE_FINISHED",
            "result": "PROCESS_RESULT_OK",
            "createdAt": "2023-10-05T18:28:58.537985Z",
            "finishedAt": "2023-10-09T15:15:25.417105Z",
            "person": {
              "duiType": "DUI_TYPE_BR_CPF",
              "duiValue": "73689290074",
              "friendlyName": "Luke Skywalker",
              "notifications": [
                {
                  "notificationChannel": "NOTIFICATION_CHANNEL_WHATSAPP"
                }
              ]
            },
            "purpose": "creditprocess",
            "authenticationInfo": {
              "authenticationResult": "AUTHENTICATION_RESULT_INCONCLUSIVE",
              "authenticationId": "fd433602-d496-4291-adbb-dda95a3e50b1",
              "livenessResult": "LIVENESS_RESULT_LIVE",
              "bioTokenEngineResult": "BIO_TOKEN_ENGINE_RESULT_UNSPECIFIED",
              "identityFraudstersResult": "TRUST_RESULT_UNSPECIFIED",
              "scoreEngineResult": {
                "scoreEnabled": "SCORE_ENABLED_TRUE",
                "score": 50
              },
              "serproResult": {
                "score": 50
              }
            },
            "capacities": [
              "PROCESS_CAPACITY_IDUNICO",
              "PROCESS_CAPACITY_IDSIGN",
              "PROCESS_CAPACITY_IDLIVE"
            ],
            "services": [
              {
                "documents": [
                  {
                    "doc": {
                      "version": 2,
                      "code": "RG",
                      "data": {
                        "dataExpiracao": "2025-10-35T00:00:00Z",
                        "dataHabilitacao": "2022-08-09T00:00:00Z",
                        "dataNascimento": "1950-06-30T00:00:00Z",
                        "nomeCivil": "John Doe",
                        "rgNumero": 5478854,
                        "categoria": "D",
                        "cpfNumero": 73689290074,
                        "dataEmissao": "2020-08-09T00:00:00Z",
                        "localEmissao": "DEREX SP",
                        "numero": 85775532778,
                        "renachNumero": ""
                      }
                    },
                    "typified": true,
                    "cpf_match": true,
                    "face_match": true,
                    "doc_id": "1e61a978-3673-4fdd-8fa8-808d0a26d131",
                    "validate_doc": true,
                    "reused_doc": true,
                    "signed_url": "https://api.datafortre[...]OXc9PQ%3D%3D"
                  }
                ],
                "consent_granted": true,
                "envelopeId": "4d4f3d90-04a3-4259-b63b-930ab10d2e47",
                "documentIds": [
                  "03307601-b518-49ca-b368-ae3919e24e54"
                ]
              }
            ],
            "expiresAt": "2023-10-09T15:15:25.417105Z",
            "token": "",
            "companyData": {
              "branchId": "60837cd3-ed3c-4038-ad7c-0a85ad64b03a",
              "countryCode": "BRA"
            },
            "clientReference": "60837cd3-ed3c-4038-ad7c-0a85ad64b03a"
          }
        }
        """;

    /// <summary>
    /// The CreateProcess example answer, verbatim except <c>capacities</c>: the reference nests that array in another
    /// array (a documentation slip the SDK tolerates). It is flattened here so the hand-written baseline, typed the way
    /// a careful writer types it (a list of strings), reads the same body; the benchmark is about the request payload.
    /// </summary>
    public const string CreateProcessJson = """
        {
          "process": {
            "id": "53060f52-f146-4c12-a234-5bb5031f6f5b",
            "companyBranchId": "60837cd3-ed3c-4038-ad7c-0a85ad64b03a",
            "flow": "idunicosign",
            "callbackUri": "/path/to/callback-url/",
            "userRedirectUrl": "https://cadastro.dev.unico.app/process/53060f52-f146-4c12-a234-5bb5031f6f5b",
            "state": "PROCESS_STATE_CREATED",
            "createdAt": "2023-10-09T15:15:25.417105Z",
            "person": {
              "duiType": "DUI_TYPE_BR_CPF",
              "duiValue": "73689290074",
              "friendlyName": "Luke Skywalker",
              "phone": "5511912345678",
              "email": "teste@teste.com",
              "notifications": [
                {
                  "notificationChannel": "NOTIFICATION_CHANNEL_WHATSAPP"
                }
              ]
            },
            "purpose": "creditprocess",
            "authenticationInfo": {},
            "capacities": [
              "PROCESS_CAPACITY_IDUNICO",
              "PROCESS_CAPACITY_IDCHECK",
              "PROCESS_CAPACITY_IDDOCS"
            ],
            "expiresAt": "2023-10-09T15:15:25.417105Z",
            "token": "eyJhbGciOiJSUzI1[...]d_jhQ",
            "companyData": {
              "branchId": "60837cd3-ed3c-4038-ad7c-0a85ad64b03a",
              "countryCode": "BRA"
            },
            "clientReference": "60837cd3-ed3c-4038-ad7c-0a85ad64b03a"
          }
        }
        """;

    /// <summary>The process id in both examples.</summary>
    public const string ProcessId = "53060f52-f146-4c12-a234-5bb5031f6f5b";
}
