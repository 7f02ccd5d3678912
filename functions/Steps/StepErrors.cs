using System.Security.Cryptography;
using System.Text;

namespace Opsg.Functions.Steps;

/// <summary>
/// What a failed step's record says of its failure: a category a reader can act on and a reference to the detail. The
/// exception's own text (a mail server's reply, a storage SDK's request dump) goes to the app's logs under that
/// reference, never into the record every role reads. Pure.
/// </summary>
public static class StepErrors
{
    /// <summary>The same reference for the same failed run of a step, however often its failure is recorded.</summary>
    public static string Reference(string recordId, long sequence, int run) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{recordId}\n{sequence}\n{run}")))[..12];

    /// <summary>From the exception type the engine reports, e.g. "MailKit.Net.Smtp.SmtpCommandException".</summary>
    public static string Category(string? errorType) => errorType switch
    {
        null => "unexpected",
        _ when Names(errorType, "Smtp", "MailKit", "Socket", "Authentication") => "mail",
        _ when Names(errorType, "RequestFailed", "Storage") => "storage",
        _ when Names(errorType, "Scriban", "Template") => "template",
        _ when Names(errorType, "InjectedActivityFailure") => "injected",
        _ => "unexpected",
    };

    public static string Describe(string? errorType, string reference)
    {
        var what = Category(errorType) switch
        {
            "mail" => "The mail server refused the email or could not be reached",
            "storage" => "Storage did not answer as expected",
            "template" => "A document template could not be rendered",
            "injected" => "A failure injected for testing",
            _ => "An unexpected error",
        };
        return $"{what} (ref {reference}); the detail is in the app's logs under that reference.";
    }

    private static bool Names(string errorType, params string[] parts) => parts.Any(p => errorType.Contains(p, StringComparison.Ordinal));
}
