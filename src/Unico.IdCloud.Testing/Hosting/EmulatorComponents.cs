using Microsoft.Extensions.Logging;

namespace Unico.IdCloud.Testing;

/// <summary>The emulator's parts, wired once at start-up and shared by the dispatcher.</summary>
internal sealed record EmulatorComponents(
    TimeProvider Time,
    ILogger Logger,
    RequestJournal Journal,
    FaultInjector Faults,
    AccessTokenIssuer AccessTokens,
    TokenEndpoint Token,
    ProcessEndpoints Processes,
    SignatureEndpoints Signature);
