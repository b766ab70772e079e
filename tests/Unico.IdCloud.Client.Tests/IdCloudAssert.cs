using Unico.IdCloud.Client;
using Xunit;

namespace Unico.IdCloud;

/// <summary>
/// Asserts the SDK's exception family: an exact exception type <b>and</b> its <see cref="IdCloudException.Kind"/>.
/// Replaces the assertions on the exception subtypes that became kinds (NotFound, Transport, InvalidResponse, ...):
/// the exact type and the kind together say what the subtype alone said, and a little more.
/// </summary>
/// <remarks>Linked into the other test projects, so it lives in the parent namespace they all see.</remarks>
internal static class IdCloudAssert
{
    /// <summary>No usable answer: a broken connection or a timeout (what <c>IdCloudTransportException</c> covered).</summary>
    public static readonly IdCloudErrorKind[] NoAnswer = [IdCloudErrorKind.Transport, IdCloudErrorKind.Timeout];

    /// <summary>No access token, or one the API refused (what <c>IdCloudAuthenticationException</c> covered).</summary>
    public static readonly IdCloudErrorKind[] NoToken = [IdCloudErrorKind.Authentication, IdCloudErrorKind.Unauthenticated];

    public static Task<T> ThrowsAsync<T>(IdCloudErrorKind kind, Func<Task> call)
        where T : IdCloudException => ThrowsAsync<T>([kind], call);

    public static async Task<T> ThrowsAsync<T>(IdCloudErrorKind[] kinds, Func<Task> call)
        where T : IdCloudException
    {
        var exception = await Assert.ThrowsAsync<T>(call);
        Assert.Contains(exception.Kind, kinds);
        return exception;
    }

    /// <summary>For kinds whose exact type depends on whether the service answered (token failures: the base type or <see cref="IdCloudApiException"/>).</summary>
    public static async Task<T> ThrowsAnyAsync<T>(IdCloudErrorKind[] kinds, Func<Task> call)
        where T : IdCloudException
    {
        var exception = await Assert.ThrowsAnyAsync<T>(call);
        Assert.Contains(exception.Kind, kinds);
        return exception;
    }

    public static T Throws<T>(IdCloudErrorKind kind, Func<object?> call)
        where T : IdCloudException
    {
        var exception = Assert.Throws<T>(call);
        Assert.Equal(kind, exception.Kind);
        return exception;
    }

    public static T Throws<T>(IdCloudErrorKind kind, Action call)
        where T : IdCloudException
    {
        var exception = Assert.Throws<T>(call);
        Assert.Equal(kind, exception.Kind);
        return exception;
    }

    public static T IsType<T>(IdCloudErrorKind kind, object? actual)
        where T : IdCloudException => IsType<T>([kind], actual);

    public static T IsType<T>(IdCloudErrorKind[] kinds, object? actual)
        where T : IdCloudException
    {
        var exception = Assert.IsType<T>(actual);
        Assert.Contains(exception.Kind, kinds);
        return exception;
    }

    /// <summary>For kinds whose exact type depends on whether the service answered.</summary>
    public static T IsAssignableFrom<T>(IdCloudErrorKind[] kinds, object? actual)
        where T : IdCloudException
    {
        var exception = Assert.IsAssignableFrom<T>(actual);
        Assert.Contains(exception.Kind, kinds);
        return exception;
    }
}
