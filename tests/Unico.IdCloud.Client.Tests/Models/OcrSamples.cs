namespace Unico.IdCloud.Client.Tests.Models;

/// <summary>
/// The OCR samples from the vendor's GetProcess documentation (seeds/unico-by-unico-api-pt-br.txt), copied as printed
/// except for the JSON syntax repairs listed on each sample. Common to the four <c>content</c> samples: the doc prints
/// each as a fragment <c>"content": { ... }</c>; only the object (the value of <c>doc.data</c>) is kept, without the
/// <c>"content":</c> label.
/// </summary>
internal static class OcrSamples
{
    // Repairs: added the missing comma after "cpfNumero": "54858809080"; removed the trailing comma after "categoria": "B".
    public const string Cnh = """
        {
            "numero": "044589731564",
            "rgNumero": "123456789 SESP PR",
            "cpfNumero": "54858809080",
            "nomeCivil": "Homer Simpson",
            "filiacao": [
                "Monasimpson",
                "Monasimpson"
            ],
            "dataNascimento": "1990-05-12T00:00:00Z",
            "dataHabilitacao": "1997-11-18T00:00:00Z",
            "dataExpiracao": "2017-12-07T00:00:00Z",
            "localEmissao": "Curitiba PR",
            "categoria": "B"
        }
        """;

    // Repairs: removed the trailing comma after "Edivaldo Da Costa" in "filiacao".
    public const string Rg = """
        {
            "numero": "4815162342",
            "cpfNumero": "54858809080",
            "nomeCivil": "Daniel Coelho Da Costa",
            "filiacao": [
                "Rosa Coelho Da Costa",
                "Edivaldo Da Costa"
            ],
            "dataNascimento": "1980-12-19T03:00:00Z",
            "dataEmissao": "2012-12-21T02:00:00Z",
            "naturalidade": "Sao Paulo SP",
            "orgaoEmissor": "Secretaria Da Segurança Pública (SSP)",
            "ufEmissor": "UF_SP"
        }
        """;

    // Repairs: removed the trailing comma after "Giovanna Vitoria" in "filiacao" and the one after
    // "localEmissao": "Rio De Janeiro RJ" (followed by a blank line in the doc).
    public const string Cin = """
        {
            "cpfNumero": "54858809080",
            "nomeCivil": "Vitor Ra",
            "filiacao": [
                "Danilo Luis Renan Ramos",
                "Giovanna Vitoria"
            ],
            "dataNascimento": "1980-12-19T03:00:00Z",
            "dataEmissao": "2024-03-02T00:00:00Z",
            "dataExpiracao": "2034-03-02T00:00:00Z",
            "orgaoEmissor": "Detran/Rj",
            "naturalidade": "Rio De Janeiro RJ",
            "nacionalidade": "BRA",
            "localEmissao": "Rio De Janeiro RJ"
        }
        """;

    // Repairs: none beyond dropping the "content": label.
    public const string Passaporte = """
        {
            "numero": "AA011906",
            "nome": "CHANCHÃO AMARELO",
            "sobrenome": "PASSAREDO",
            "paisEmissor": "BRA",
            "nacionalidade": "BRASILEIRO(A)",
            "naturalidade": "<null>",
            "filiacao": [
                 "Monasimpson",
                 "Monasimpson"
            ],
            "dataNascimento": "1920-06-01T00:00:00Z",
            "dataEmissao": "2000-01-01T00:00:00Z",
            "dataExpiracao": "2010-01-01T00:00:00Z",
            "autoridade": "SR/DPF/DF"
        }
        """;

    // The services[0].documents[0].doc object of the GetProcess response example, verbatim (valid JSON as printed).
    // Note the code says RG but the data carries CNH-like fields, numbers where strings are documented, and an
    // impossible date (2025-10-35).
    public const string GetProcessRgDoc = """
        {
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
        }
        """;

    public static string Doc(string code, string data) => $$"""{"version":2,"code":"{{code}}","data":{{data}}}""";
}
