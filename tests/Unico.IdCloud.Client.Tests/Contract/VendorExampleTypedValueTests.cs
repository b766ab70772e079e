using System.Text.Json;
using Unico.IdCloud.Client.Models;
using Unico.IdCloud.Client.Serialization;

namespace Unico.IdCloud.Client.Tests.Contract;

/// <summary>What a user reads from the vendor's examples through the typed models.</summary>
public sealed class VendorExampleTypedValueTests
{
    private static readonly IdCloudJsonContext Json = IdCloudJsonContext.Default;

    [Fact]
    public void FullCreateProcessRequestReadsEveryDocumentedField()
    {
        var request = JsonSerializer.Deserialize(VendorFixtures.Read("create-process-request"), Json.CreateProcessRequest)!;

        Assert.Equal("/", request.CallbackUri);
        Assert.Equal(Flow.IdUnicoSign, request.Flow);
        Assert.True(request.EnableBackCamera);
        Assert.Equal("60837cd3-ed3c-4038-ad7c-0a85ad64b03a", request.ClientReference);
        Assert.Equal("60837cd3-ed3c-4038-ad7c-0a85ad64b03a", request.CompanyBranchId);
        Assert.Equal("60837cd3-ed3c-4038-ad7c-0a85ad64b03a", request.BioTokenId);
        Assert.Equal(Purpose.CreditProcess, request.Purpose);
        Assert.Equal(TimeSpan.FromHours(1), request.ExpiresIn);

        var person = request.Person!;
        Assert.Equal(DuiType.BrCpf, person.DuiType);
        Assert.Equal("12345678909", person.DuiValue);
        Assert.Equal("Luke Skywalker", person.FriendlyName);
        Assert.Equal("5511912345678", person.Phone);
        Assert.Equal("teste@teste.com", person.Email);
        Assert.Equal(NotificationChannel.WhatsApp, Assert.Single(person.Notifications!));

        var context = request.Contextualization!;
        Assert.Equal("BRL", context.Currency);
        Assert.Equal(15990.9m, context.Price);
        Assert.Equal("Abertura de cadastro", context.ReasonPtBr);
        Assert.Equal("Identity validation for personal loan application", context.ReasonEnUs);
        Assert.Equal("Validación de identidad para solicitud de préstamo personal", context.ReasonEsMx);

        var document = Assert.Single(Assert.Single(request.Payload!).Documents!);
        Assert.Equal("teste", document.DocumentName);

        // The vendor elided the PDF with "[...]": kept as text, flagged, and written back verbatim (round-trip test).
        // Reading it as bytes says so; the text stays on the internal wire property.
        Assert.False(document.FileContentsBase64!.IsValidBase64);
        Assert.Equal("JVBERi0xLjMNCiXi48/[...]DQoNCnN0YXJ0eHJlZg0KMjcxNA0KJSVFT0YNCg==", document.FileContentsBase64.RawText);
        Assert.Throws<FormatException>(() => document.FileContents);
    }

    [Theory]
    [InlineData("create-process-request-idlive", "idlive", null, false)]
    [InlineData("create-process-request-idunicosign", "idunicosign", null, true)]
    [InlineData("create-process-request-idtoken", "idtoken", "339f9225-6f09-4303-9688-bf35944787e1", false)]
    [InlineData("create-process-request-idtokensign", "idtokensign", "339f9225-6f09-4303-9688-bf35944787e1", true)]
    public void PerFlowRequestsReadTheirFlowSpecificFields(string name, string flow, string? bioTokenId, bool hasPayload)
    {
        var request = JsonSerializer.Deserialize(VendorFixtures.Read(name), Json.CreateProcessRequest)!;

        Assert.Equal(flow, request.Flow.Value);
        Assert.True(request.Flow.IsKnown);
        Assert.Equal(bioTokenId, request.BioTokenId);
        Assert.Equal(hasPayload, request.Payload is not null);
        Assert.Equal(Purpose.BiometryOnboarding, request.Purpose);
        Assert.Equal(TimeSpan.FromSeconds(3600), request.ExpiresIn);
        Assert.Equal(
            new[] { NotificationChannel.WhatsApp, NotificationChannel.Sms },
            request.Person!.Notifications!);
    }

    [Fact]
    public void CreateProcessResponseFlattensTheNestedCapacities()
    {
        var process = JsonSerializer.Deserialize(VendorFixtures.Read("create-process-response"), Json.ProcessResponse)!.Process;

        Assert.Equal("53060f52-f146-4c12-a234-5bb5031f6f5b", process.Id);
        Assert.Equal(Flow.IdUnicoSign, process.Flow);
        Assert.Equal(ProcessState.Created, process.State);
        Assert.Null(process.Result);
        Assert.Equal("https://cadastro.dev.unico.app/process/53060f52-f146-4c12-a234-5bb5031f6f5b", process.UserRedirectUrl);
        Assert.Equal(new DateTimeOffset(2023, 10, 9, 15, 15, 25, TimeSpan.Zero).AddTicks(4_171_050), process.CreatedAt);
        Assert.Equal(process.CreatedAt, process.ExpiresAt);
        Assert.Null(process.FinishedAt);
        Assert.StartsWith("eyJhbGciOiJSUzI1", process.Token, StringComparison.Ordinal);
        Assert.Equal("BRA", process.CompanyData!.CountryCode);
        Assert.Equal("60837cd3-ed3c-4038-ad7c-0a85ad64b03a", process.CompanyData.BranchId);
        Assert.Equal("60837cd3-ed3c-4038-ad7c-0a85ad64b03a", process.ClientReference);

        // "authenticationInfo": {} is an object with nothing in it, not an absent member.
        Assert.NotNull(process.AuthenticationInfo);
        Assert.Null(process.AuthenticationInfo.AuthenticationResult);

        Assert.True(Assert.IsType<ProcessCapacityList>(process.Capacities).IsNested);
        Assert.Equal(
            new[] { ProcessCapacity.IdUnico, ProcessCapacity.IdCheck, ProcessCapacity.IdDocs },
            process.Capacities);
    }

    [Fact]
    public void GetProcessResponseReadsTheVerdictsAndTheDocument()
    {
        var process = JsonSerializer.Deserialize(VendorFixtures.Read("get-process-response"), Json.ProcessResponse)!.Process;

        Assert.Equal(ProcessState.Finished, process.State);
        Assert.Equal(ProcessResult.Ok, process.Result);
        Assert.Equal(new DateTimeOffset(2023, 10, 5, 18, 28, 58, TimeSpan.Zero).AddTicks(5_379_850), process.CreatedAt);
        Assert.Equal(new DateTimeOffset(2023, 10, 9, 15, 15, 25, TimeSpan.Zero).AddTicks(4_171_050), process.FinishedAt);
        Assert.Equal(Purpose.CreditProcess, process.Purpose);
        Assert.Equal(string.Empty, process.Token);

        var info = process.AuthenticationInfo!;
        Assert.Equal(AuthenticationResult.Inconclusive, info.AuthenticationResult);
        Assert.Equal("fd433602-d496-4291-adbb-dda95a3e50b1", info.AuthenticationId);
        Assert.Equal(LivenessResult.Live, info.LivenessResult);
        Assert.Equal(BioTokenEngineResult.Unspecified, info.BioTokenEngineResult);
        Assert.Equal(TrustResult.Unspecified, info.IdentityFraudstersResult);
        Assert.Null(info.FaceWithOtherIdResult);
        Assert.True(info.ScoreEnabled);
        Assert.Equal(50d, info.Score);
        Assert.Equal(50d, info.SerproScore);

        Assert.False(Assert.IsType<ProcessCapacityList>(process.Capacities).IsNested);
        Assert.Equal(new[] { ProcessCapacity.IdUnico, ProcessCapacity.IdSign, ProcessCapacity.IdLive }, process.Capacities);

        var service = Assert.Single(process.Services!);
        Assert.True(service.ConsentGranted);
        Assert.Equal("4d4f3d90-04a3-4259-b63b-930ab10d2e47", service.EnvelopeId);
        Assert.Equal(new[] { "03307601-b518-49ca-b368-ae3919e24e54" }, service.DocumentIds!);

        var document = Assert.Single(service.Documents!);
        Assert.True(document.Typified);
        Assert.True(document.CpfMatch);
        Assert.True(document.FaceMatch);
        Assert.True(document.ValidateDoc);
        Assert.True(document.ReusedDoc);
        Assert.Equal("1e61a978-3673-4fdd-8fa8-808d0a26d131", document.DocId);
        Assert.Equal("https://api.datafortre[...]OXc9PQ%3D%3D", document.SignedUrl);

        var doc = document.Doc!;
        Assert.Equal(2, doc.Version);
        Assert.Equal(OcrDocumentCode.Rg, doc.Code);
        var data = doc.Data!;

        // rgNumero and cpfNumero are JSON numbers in the example (strings in the field list): their digits are kept.
        Assert.Equal("5478854", data.GetText("rgNumero"));
        Assert.Equal("73689290074", data.GetText("cpfNumero"));

        // The example's expiry date does not exist (day 35): kept as raw text, no parsed value, no failure.
        var expiry = data.GetDate("dataExpiracao")!.Value;
        Assert.Equal("2025-10-35T00:00:00Z", expiry.Raw);
        Assert.Null(expiry.Value);
        Assert.Equal(new DateOnly(1950, 6, 30), data.GetDate("dataNascimento")!.Value.Date);
    }

    [Fact]
    public void SelfieAndEvidenceExamplesKeepTheirElidedContentAndMediaType()
    {
        var selfie = JsonSerializer.Deserialize(VendorFixtures.Read("get-selfie-response"), Json.FileContentsResponse)!;
        var evidence = JsonSerializer.Deserialize(VendorFixtures.Read("get-evidence-set-response"), Json.FileContentsResponse)!;

        Assert.Equal("image/jpeg", selfie.ContentType);
        Assert.False(selfie.FileContents.IsValidBase64);
        Assert.Equal("/9j/4AAQSkZJRgABAQA[...]QkeQUjE", selfie.FileContents.RawText);
        Assert.Equal("x-pdf", evidence.ContentType);
        Assert.Equal("JVBERi0xLjUNCiWDk[...]NCg==", evidence.FileContents.RawText);
    }
}
