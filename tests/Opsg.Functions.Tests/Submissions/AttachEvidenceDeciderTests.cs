using Opsg.Functions.Cases;
using Opsg.Functions.Records;
using Opsg.Functions.Submissions;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Submissions;

/// <summary>Evidence documents as a pure decider: an upload already recognised at the edge, decided against the case.</summary>
public sealed class AttachEvidenceDeciderTests
{
    private const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static readonly EvidenceUpload Bcdr = new("BCDR plan.pdf", EvidenceKind.Pdf, 250_000, Sha, "9, 2,9");

    private static CaseState Submitted(params RecordEvent[] more) => History.Given([.. Seed002Recorded.Opening(), .. more]);

    private static EvidenceUpload Valid(EvidenceUpload upload)
    {
        var (valid, rejection) = AttachEvidence.Validate(upload);
        Assert.Null(rejection);
        return valid!;
    }

    [Fact]
    public void GivenASubmission_WhenTheDccAttachesADocument_ThenItIsRecordedAsE01SupportingEachLscOnce()
    {
        var attached = Assert.IsType<EvidenceAttached>(Assert.Single(AttachEvidence.Decide(Submitted(), Valid(Bcdr), "case/E.pdf").Events));
        Assert.Equal(("E01", "BCDR plan.pdf", EvidenceKind.Pdf, Sha, "case/E.pdf"), (attached.DocumentId, attached.FileName, attached.Kind, attached.Sha256, attached.BlobName));
        Assert.Equal([2, 9], attached.SupportsLscs);
    }

    [Fact]
    public void GivenOneDocumentAttached_WhenADifferentOneFollows_ThenItIsE02()
    {
        var first = (EvidenceAttached)AttachEvidence.Decide(Submitted(), Valid(Bcdr), "a").Events[0];
        var second = Valid(Bcdr with { FileName = "Test report.pdf", Sha256 = new string('b', 64), SupportsLscs = "4" });
        Assert.Equal("E02", Assert.IsType<EvidenceAttached>(Assert.Single(AttachEvidence.Decide(Submitted(first), second, "b").Events)).DocumentId);
    }

    [Fact]
    public void GivenADocumentAttached_WhenTheSameBytesArriveAgain_ThenNothingIsRecorded()
    {
        var first = (EvidenceAttached)AttachEvidence.Decide(Submitted(), Valid(Bcdr), "a").Events[0];
        var again = AttachEvidence.Decide(Submitted(first), Valid(Bcdr with { FileName = "copy.pdf" }), "a");
        Assert.True(again.IsAccepted);
        Assert.Empty(again.Events);
    }

    [Theory]
    [InlineData("1,10")] // beyond the case's scopes (and its catalogue)
    [InlineData("2, 77")]
    public void GivenLscsOutsideTheSubmission_WhenAttached_ThenSupportsLscsIsNamed(string lscs)
    {
        var refused = AttachEvidence.Decide(Submitted(), Valid(Bcdr with { SupportsLscs = lscs }), "a");
        Assert.Equal(["supportsLscs"], refused.Rejection!.Errors!.Keys);
    }

    [Fact]
    public void GivenNoSubmissionOrTheMeetingHeld_WhenAttached_ThenTheStepIsOutOfOrder()
    {
        Assert.Equal(409, AttachEvidence.Decide(History.Given(Seed002Recorded.Opening()[0]), Valid(Bcdr), "a").Rejection?.Status);
        var afterMeeting = Submitted([.. Seed002Recorded.Meeting().Take(2)]);
        Assert.Equal(409, AttachEvidence.Decide(afterMeeting, Valid(Bcdr), "a").Rejection?.Status);
    }

    [Fact]
    public void GivenAnUnrecognisedOrMisnamedFile_WhenValidated_ThenUnsupportedMediaType()
    {
        Assert.Equal(415, AttachEvidence.Validate(Bcdr with { Kind = null }).Rejection?.Status);
        Assert.Equal(415, AttachEvidence.Validate(Bcdr with { FileName = "BCDR plan.docx" }).Rejection?.Status);
    }

    [Theory]
    [InlineData("C:\\evidence\\BCDR plan.pdf", "BCDR plan.pdf")]
    [InlineData("uploads/2020/BCDR plan.pdf", "BCDR plan.pdf")]
    public void GivenAFileNameWithAPath_WhenValidated_ThenOnlyTheNameIsKept(string sent, string kept) =>
        Assert.Equal(kept, Valid(Bcdr with { FileName = sent }).FileName);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1,two")]
    [InlineData("0")]
    [InlineData("100")]
    public void GivenNoUsableLscList_WhenValidated_ThenSupportsLscsIsNamed(string? lscs) =>
        Assert.Equal(["supportsLscs"], AttachEvidence.Validate(Bcdr with { SupportsLscs = lscs }).Rejection!.Errors!.Keys);

    [Fact]
    public void GivenAnEmptyFile_WhenValidated_ThenFileIsNamed() =>
        Assert.Equal(["file"], AttachEvidence.Validate(Bcdr with { Length = 0 }).Rejection!.Errors!.Keys);

    [Fact]
    public void GivenActiveContent_WhenValidated_ThenUnprocessableNamingIt()
    {
        var refused = AttachEvidence.Validate(Bcdr with { ActiveContent = "JavaScript (/JS)" }).Rejection;
        Assert.Equal(422, refused?.Status);
        Assert.Contains("JavaScript (/JS)", refused!.Detail);
    }

    [Theory]
    [InlineData("BCDR\nplan.pdf")]
    [InlineData("BCDR\r\nplan.pdf")]
    [InlineData("BCDR\tplan.pdf")]
    [InlineData("BCDR\u2028plan.pdf")]
    [InlineData("BCDR\u0085plan.pdf")]
    [InlineData("BCDR\u0000plan.pdf")]
    public void GivenAFileNameOfMoreThanOnePrintableLine_WhenValidated_ThenFileIsNamed(string fileName) =>
        Assert.Equal(["file"], AttachEvidence.Validate(Bcdr with { FileName = fileName }).Rejection!.Errors!.Keys);

    [Fact]
    public void GivenAFileNameOverItsBound_WhenValidated_ThenFileIsNamed()
    {
        Assert.Equal(["file"], AttachEvidence.Validate(Bcdr with { FileName = new string('a', AttachEvidence.MaxFileName - 3) + ".pdf" }).Rejection!.Errors!.Keys);
        Valid(Bcdr with { FileName = new string('a', AttachEvidence.MaxFileName - 4) + ".pdf" });
    }
}
