namespace Unico.IdCloud.Client;

/// <summary>
/// A request failed client-side validation and was <b>not sent</b>. <see cref="Errors"/> lists every problem at
/// once so they can all be fixed in one go.
/// </summary>
public sealed class IdCloudValidationException : IdCloudException
{
    /// <summary>Creates a validation exception listing every problem found.</summary>
    /// <param name="errors">The problems; at least one.</param>
    public IdCloudValidationException(IReadOnlyList<IdCloudValidationError> errors)
        : base(BuildMessage(errors))
    {
        Errors = errors;
        Kind = IdCloudErrorKind.Validation;
    }

    /// <summary>Creates a validation exception with a message and no field errors.</summary>
    /// <param name="message">What is wrong.</param>
    public IdCloudValidationException(string message)
        : base(message)
    {
        Errors = Array.Empty<IdCloudValidationError>();
        Kind = IdCloudErrorKind.Validation;
    }

    /// <summary>Creates a validation exception with a message and an inner exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying cause.</param>
    public IdCloudValidationException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Errors = Array.Empty<IdCloudValidationError>();
        Kind = IdCloudErrorKind.Validation;
    }

    /// <summary>Creates a validation exception with a default message.</summary>
    public IdCloudValidationException()
        : this("The request is invalid.")
    {
    }

    /// <summary>Every problem found, in field order.</summary>
    public IReadOnlyList<IdCloudValidationError> Errors { get; }

    private static string BuildMessage(IReadOnlyList<IdCloudValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count switch
        {
            0 => "The request is invalid.",
            1 => $"The request is invalid and was not sent: {errors[0]}",
            _ => $"The request has {errors.Count} problems and was not sent: " + string.Join("; ", errors),
        };
    }
}
