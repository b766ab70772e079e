using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Unico.IdCloud.Client.Models;

namespace Unico.IdCloud.Client.Tests.Completion;

/// <summary>
/// A scripted <see cref="IIdCloudProcessClient"/> and <see cref="IIdCloudProcessApi"/>: each GetProcess call takes the
/// next scripted answer (or repeats <see cref="WhenScriptEmpty"/>), every call is recorded, and a test can await the next
/// call instead of sleeping. The Refit interface's unread selfie and evidence-set answers are the scripted files written
/// as the API sends them (<c>{"fileContents": "&lt;base64&gt;", "contentType": "..."}</c>).
/// </summary>
public sealed class FakeProcessClient : IIdCloudProcessClient, IIdCloudProcessApi
{
    private readonly ConcurrentQueue<Func<string, CancellationToken, Task<IdCloudProcess>>> _script = new();
    private readonly Channel<string> _calls = Channel.CreateUnbounded<string>();

    public ConcurrentQueue<string> GetProcessCalls { get; } = new();

    public Func<string, CancellationToken, Task<IdCloudProcess>> WhenScriptEmpty { get; set; } =
        (id, _) => Task.FromResult(Process(id, ProcessState.Created));

    /// <summary>The selfie's bytes and <c>contentType</c> as the API sends them.</summary>
    public Func<string, CancellationToken, Task<(byte[] Content, string ContentType)>> Selfie { get; set; } =
        (_, _) => Task.FromResult((new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3 }, "image/jpeg"));

    /// <summary>The evidence set's bytes and <c>contentType</c> as the API sends them (it says <c>x-pdf</c>).</summary>
    public Func<string, CancellationToken, Task<(byte[] Content, string ContentType)>> EvidenceSet { get; set; } =
        (_, _) => Task.FromResult(("%PDF-1.5 evidence"u8.ToArray(), "x-pdf"));

    public static IdCloudProcess Process(
        string id,
        ProcessState state,
        ProcessResult? result = null,
        Flow? flow = null,
        AuthenticationInfo? authentication = null,
        params string[] documentIds) =>
        new()
        {
            Id = id,
            State = state,
            Result = result,
            Flow = flow ?? Flow.Id,
            AuthenticationInfo = authentication,
            CreatedAt = new DateTimeOffset(2025, 1, 15, 11, 0, 0, TimeSpan.Zero),
            FinishedAt = state == ProcessState.Finished ? new DateTimeOffset(2025, 1, 15, 11, 5, 0, TimeSpan.Zero) : null,
            Services = documentIds.Length == 0 ? null : [new ProcessService { EnvelopeId = "env-1", DocumentIds = documentIds }],
        };

    public static IdCloudProcess Finished(string id) =>
        Process(id, ProcessState.Finished, ProcessResult.Ok, authentication: new AuthenticationInfo
        {
            LivenessResult = LivenessResult.Live,
            AuthenticationResult = AuthenticationResult.Positive,
        });

    public void Returns(IdCloudProcess process) => _script.Enqueue((_, _) => Task.FromResult(process));

    public void Throws(Exception exception) => _script.Enqueue((_, _) => Task.FromException<IdCloudProcess>(exception));

    public void Answers(Func<string, CancellationToken, Task<IdCloudProcess>> answer) => _script.Enqueue(answer);

    /// <summary>Waits for the next GetProcess call (hang guard: 10 s of real time).</summary>
    public async Task<string> NextCallAsync() => await _calls.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    public Task<IdCloudProcess> GetProcessAsync(string processId, CancellationToken cancellationToken = default)
    {
        GetProcessCalls.Enqueue(processId);
        _calls.Writer.TryWrite(processId);
        cancellationToken.ThrowIfCancellationRequested();
        var answer = _script.TryDequeue(out var scripted) ? scripted : WhenScriptEmpty;
        return answer(processId, cancellationToken);
    }

    public Task<IdCloudProcess> CreateProcessAsync(CreateProcessRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Not used by these tests.");

    public Task<ProcessDocument> SetProcessDocumentAsync(string processId, DuiType duiType, string duiValue, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Not used by these tests.");

    public Task<ProcessDocument> SetProcessDocumentAsync(string processId, SetProcessDocumentRequest body, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Not used by these tests.");

    public async Task<HttpContent> GetSelfieContentAsync(string processId, CancellationToken cancellationToken = default) =>
        Answer(await Selfie(processId, cancellationToken));

    /// <summary>The evidence set's unread answer itself, when a test needs one that <see cref="EvidenceSet"/> cannot describe.</summary>
    public Func<string, CancellationToken, Task<HttpContent>>? EvidenceSetAnswer { get; set; }

    public async Task<HttpContent> GetEvidenceSetContentAsync(string processId, CancellationToken cancellationToken = default) =>
        EvidenceSetAnswer is { } answer ? await answer(processId, cancellationToken) : Answer(await EvidenceSet(processId, cancellationToken));

    public async Task<IdCloudFile> GetSelfieAsync(string processId, CancellationToken cancellationToken = default) =>
        File(await Selfie(processId, cancellationToken));

    public async Task<IdCloudFile> GetEvidenceSetAsync(string processId, CancellationToken cancellationToken = default) =>
        File(await EvidenceSet(processId, cancellationToken));

    private static IdCloudFile File((byte[] Content, string ContentType) file) => new(file.Content, file.ContentType);

    /// <summary>The file as the API answers it: JSON with the base64 bytes and the media type as sent.</summary>
    private static StringContent Answer((byte[] Content, string ContentType) file) =>
        new(
            JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["fileContents"] = Convert.ToBase64String(file.Content),
                ["contentType"] = file.ContentType,
            }),
            Encoding.UTF8,
            "application/json");
}
