namespace Unico.IdCloud.Testing;

/// <summary>
/// Which endpoint a request path names on a given listener. Each listener knows only its own host's paths, so a call
/// sent to the wrong host is a 404, as it would be in production.
/// </summary>
internal readonly record struct EmulatorRouteMatch(EmulatorRoute? Route, string AllowedMethod, string Id, bool RequiresBearer, bool IsJourneyPage)
{
    public static EmulatorRouteMatch? Find(EmulatorListener listener, string path)
    {
        var segments = path.Split('/', StringSplitOptions.None);

        // segments[0] is the empty string before the leading '/'.
        return listener switch
        {
            EmulatorListener.Identity when path == "/oauth2/token" => new(EmulatorRoute.Token, "POST", string.Empty, false, false),
            EmulatorListener.Process => MatchProcess(path, segments),
            EmulatorListener.Signature when segments is ["", "api", "v1", "service", "file", { Length: > 0 } id] =>
                new(EmulatorRoute.GetSignedDocument, "GET", id, true, false),
            EmulatorListener.Signature when segments is ["", "api", "v1", "service", "evidence", { Length: > 0 } id] =>
                new(EmulatorRoute.GetSignatureEvidence, "GET", id, true, false),
            _ => null,
        };
    }

    private static EmulatorRouteMatch? MatchProcess(string path, string[] segments)
    {
        // The vendor's own samples POST to ".../process/" with a trailing slash; accept both.
        if (path is "/client/v1/process" or "/client/v1/process/")
        {
            return new(EmulatorRoute.CreateProcess, "POST", string.Empty, true, false);
        }

        return segments switch
        {
            ["", "client", "v1", "process", { Length: > 0 } id] => new(EmulatorRoute.GetProcess, "GET", id, true, false),
            ["", "client", "v1", "process", { Length: > 0 } id, "selfie"] => new(EmulatorRoute.GetSelfie, "GET", id, true, false),
            ["", "client", "v1", "process", { Length: > 0 } id, "evidenceset"] => new(EmulatorRoute.GetEvidenceSet, "GET", id, true, false),
            ["", "client", "v1", "process", { Length: > 0 } id, "document"] => new(EmulatorRoute.SetProcessDocument, "POST", id, true, false),
            ["", "process", { Length: > 0 } id] => new(null, "GET", id, false, true),
            _ => null,
        };
    }
}
