namespace Unico.IdCloud.Cli.Explain;

/// <summary>Which of Unico's APIs answers with a code: they share no numbering.</summary>
internal enum ErrorCodeFamily
{
    /// <summary>The identity service's token endpoint: <c>1.x.y</c> inside <c>error_description</c>.</summary>
    Token,

    /// <summary>The by Unico process API: gRPC status numbers in <c>{"error":{"code":"3",...}}</c>.</summary>
    ByUnico,

    /// <summary>The by Client API (<c>/processes/v1</c>): five-digit codes in <c>{"error":{"code":"20001",...}}</c>.</summary>
    ByClient,
}
