using System.Text.Json;
using Opsg.Functions.Cases;
using Opsg.Functions.Records;
using Opsg.Functions.Review;

namespace Opsg.Functions.Reports;

/// <summary>Builds the view model each template renders: plain data, already in display order.</summary>
public static class ReportModels
{
    public static object For(string kind, CaseState state) => kind switch
    {
        ReportKinds.ReadinessPack => ReadinessPackModel.From(state),
        ReportKinds.DraftMinutes => DraftMinutesModel.From(state),
        ReportKinds.PanelReport => PanelReportModel.From(state),
        ReportKinds.ActionsRegister => ActionsRegisterModel.From(state),
        _ => throw new InvalidOperationException($"No view model for report '{kind}'."),
    };

    /// <summary>
    /// Whether the document of this kind reads differently for the two states. A template renders its
    /// model and nothing else, so equal models give equal bytes; models are compared as JSON because
    /// their lists compare by reference.
    /// </summary>
    public static bool Differ(string kind, CaseState before, CaseState after) =>
        !string.Equals(Fingerprint(kind, before), Fingerprint(kind, after), StringComparison.Ordinal);

    private static string Fingerprint(string kind, CaseState state)
    {
        var model = For(kind, state);
        return JsonSerializer.Serialize(model, model.GetType(), FingerprintJson);
    }

    private static readonly JsonSerializerOptions FingerprintJson = new() { WriteIndented = false };
}

/// <summary>The header every document carries: its id, status and classification.</summary>
public sealed record DocumentHeader(string DocumentId, string Title, string Status, ClassificationBanner Classification)
{
    /// <summary>How many letters and digits of the case id a document reference carries.</summary>
    public const int CaseKeyLength = 8;

    public static DocumentHeader For(CaseState state, string documentSuffix, string title, string status)
    {
        var opened = state.Opened ?? throw new InvalidOperationException("The case was never opened.");
        return new DocumentHeader(Reference(state, documentSuffix), title, status, ClassificationBanner.For(opened.Classification));
    }

    /// <summary>
    /// "OPSG_29xxx_2802_3f9a1c07_PR": meeting, meeting day, the case, the kind of document. Several cases
    /// can be reviewed at one meeting, so meeting and date alone would give two cases' documents one
    /// reference; the case key tells them apart. It is the start of the case id (letters and digits,
    /// lower case), so it comes from the record alone, never changes, and finds the case through
    /// GET /api/cases?instanceIdPrefix=…
    /// </summary>
    public static string Reference(CaseState state, string documentSuffix)
    {
        var opened = state.Opened ?? throw new InvalidOperationException("The case was never opened.");
        var date = state.ReviewOpened?.MeetingDate ?? opened.MeetingDate;
        var meeting = date is { } d ? $"{opened.MeetingId}_{d:ddMM}" : opened.MeetingId;
        return $"{meeting}_{CaseKey(state.CaseId)}{documentSuffix}";
    }

    public static string CaseKey(string caseId)
    {
        var key = new string(caseId.Where(char.IsAsciiLetterOrDigit).Take(CaseKeyLength).ToArray()).ToLowerInvariant();
        return key.Length > 0 ? key : "case";
    }

    /// <summary>Minutes-based documents stay drafts until a later meeting approves the minutes.</summary>
    public static string DraftOrFinal(CaseState state) => state.MinutesApproved is null ? "Draft" : "Final";
}

public sealed record ClassificationBanner(bool Publishable, string Label, string Text)
{
    public string Key => Publishable ? "publishable" : "not-for-publication";

    public static ClassificationBanner For(Classification classification) => classification switch
    {
        Classification.Publishable => new(true, "White: may be published",
            "This document is classified as White. It may be shared with the public and published, subject to copyright."),
        _ => new(false, "White: not for publication",
            "This document is classified as White. It may be shared with SEC Parties and smart metering stakeholders but must not be published, including online."),
    };
}
