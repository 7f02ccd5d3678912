using Opsg.Functions.Steps;

namespace Opsg.Functions.Tests.Orchestration;

/// <summary>A failed step's record names a category and a reference, never the exception's own text; pure.</summary>
public sealed class StepErrorsTests
{
    [Theory]
    [InlineData("MailKit.Net.Smtp.SmtpCommandException", "mail")]
    [InlineData("System.Net.Sockets.SocketException", "mail")]
    [InlineData("Azure.RequestFailedException", "storage")]
    [InlineData("Scriban.Syntax.ScriptRuntimeException", "template")]
    [InlineData("System.InvalidOperationException", "unexpected")]
    [InlineData(null, "unexpected")]
    public void TheCategoryComesFromTheExceptionType(string? errorType, string category) =>
        Assert.Equal(category, StepErrors.Category(errorType));

    [Fact]
    public void TheReferenceIsTheSameForTheSameFailedRun_AndTheDescriptionCarriesItAndNothingElse()
    {
        var reference = StepErrors.Reference("case-1", 7, 0);
        Assert.Equal(reference, StepErrors.Reference("case-1", 7, 0));
        Assert.NotEqual(reference, StepErrors.Reference("case-1", 7, 1));
        Assert.Equal($"The mail server refused the email or could not be reached (ref {reference}); the detail is in the app's logs under that reference.",
            StepErrors.Describe("MailKit.Net.Smtp.SmtpCommandException", reference));
    }
}
