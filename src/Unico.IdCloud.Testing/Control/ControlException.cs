namespace Unico.IdCloud.Testing;

/// <summary>A control call that cannot be done: answered with its status and <c>{"error":"..."}</c>.</summary>
internal sealed class ControlException : Exception
{
    public ControlException()
    {
    }

    public ControlException(string message)
        : base(message)
    {
    }

    public ControlException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ControlException(int statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
    }

    public int StatusCode { get; } = 400;
}
