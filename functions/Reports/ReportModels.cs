using Opsg.Functions.Cases;

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
}

/// <summary>The header every document carries: its id, status and classification.</summary>
public sealed record DocumentHeader(string DocumentId, string Title, string Status, ClassificationBanner Classification)
{
    public static DocumentHeader For(CaseState state, string documentSuffix, string title, string status)
    {
        var opened = state.Opened ?? throw new InvalidOperationException("The case was never opened.");
        var date = state.ReviewOpened?.MeetingDate ?? opened.MeetingDate;
        var id = date is { } d ? $"{opened.MeetingId}_{d:ddMM}{documentSuffix}" : opened.MeetingId + documentSuffix;
        return new DocumentHeader(id, title, status, ClassificationBanner.For(opened.Classification));
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
