using System.Globalization;
using Opsg.Functions.Cases;
using Opsg.Functions.Records;

namespace Opsg.Functions.Submissions;

/// <summary>What an upload turned out to be, once its bytes were read and recognised at the edge.</summary>
public sealed record EvidenceUpload(string FileName, EvidenceKind? Kind, long Length, string Sha256, string? SupportsLscs, string? ActiveContent = null);

/// <summary>The DCC attaches evidence documents to its statement, each supporting one or more LSCs.</summary>
public static class AttachEvidence
{
    public const int MaxFileName = 200;

    public static (EvidenceUpload? Upload, Rejection? Rejection) Validate(EvidenceUpload upload)
    {
        // Whatever the file claims to be, content that runs or reaches out when opened is refused first, and says why.
        if (EvidenceFiles.ActiveContentRefusal(upload.ActiveContent) is { } activeContent) return (null, activeContent);
        if (upload.Kind is not { } kind)
            return (null, new Rejection(415, "Unsupported document type.", "Evidence must be a PDF, DOCX or XLSX document; this file's content is none of them."));
        var extension = Path.GetExtension(upload.FileName);
        if (!string.Equals(extension, EvidenceFiles.Extension(kind), StringComparison.OrdinalIgnoreCase))
            return (null, new Rejection(415, "The file's name does not match its content.", $"'{upload.FileName}' is {EvidenceFiles.Describe(kind)}; name it {EvidenceFiles.Extension(kind)}."));

        var v = new Validator();
        // The name as sent is checked whole, so markup is refused rather than cut down to a harmless-looking
        // remainder; the stored name is its last path segment (some clients send a full path).
        v.Text(upload.FileName, "file", MaxFileName);
        // One printable line: the name is shown in lists, headers and mails, where a line break or tab would forge layout.
        v.Check(!upload.FileName.Any(IsLineBreakOrControl), "file", "The file's name must be one line, without tabs or control characters.");
        var fileName = upload.FileName.Replace('\\', '/').Split('/')[^1].Trim();
        v.Check(fileName.Length > 0, "file", "The file needs a name.");
        v.Check(upload.Length > 0, "file", "The file is empty.");
        v.Check(Lscs(upload.SupportsLscs) is { Count: > 0 }, "supportsLscs", "Name the LSCs the document supports, e.g. 1,2,9.");
        return v.ToRejection() is { } rejection ? (null, rejection) : (upload with { FileName = fileName }, null);
    }

    public static Decision Decide(CaseState state, EvidenceUpload upload, string blobName)
    {
        if (CaseRules.Live(state) is { } refused) return refused;
        if (state.Submission is not { } submission) return Rejection.OutOfOrder("Submit the readiness statement before attaching evidence to it.");
        if (state.SubmissionClosed) return Rejection.OutOfOrder("The meeting has been held; evidence can no longer be added.");
        var lscs = Lscs(upload.SupportsLscs)!;
        var unknown = lscs.Where(l => !submission.OpsgScope.Contains(l) && !submission.TagScope.Contains(l)).ToList();
        if (unknown.Count > 0) return Rejection.Invalid("supportsLscs", $"Not in the submission's scope: {string.Join(", ", unknown)}.");
        // The same bytes again (a retried upload) change nothing.
        if (state.Evidence.Any(e => e.Sha256 == upload.Sha256)) return Decision.Accept();
        var id = "E" + (state.Evidence.Count + 1).ToString("D2", CultureInfo.InvariantCulture);
        return Decision.Accept(new EvidenceAttached(id, upload.FileName, upload.Kind!.Value, upload.Length, upload.Sha256, blobName, lscs));
    }

    private static bool IsLineBreakOrControl(char c) =>
        char.IsControl(c) || char.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    /// <summary>"1, 2,9" → [1, 2, 9]; null when anything in it is not an LSC number.</summary>
    public static List<int>? Lscs(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var numbers = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > SubmitReadiness.MaxLsc) return null;
            if (!numbers.Contains(n)) numbers.Add(n);
        }
        return numbers.Order().ToList();
    }
}
