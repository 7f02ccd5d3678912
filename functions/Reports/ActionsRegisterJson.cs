namespace Opsg.Functions.Reports;

/// <summary>
/// The register across meetings for programs: the rows of the HTML page, in the same order, one per
/// action with its meeting and case, and with nulls where the page shows "none set".
/// </summary>
public sealed record ActionsRegisterJson(DateOnly AsOf, bool IncludesClosed, int OpenCount, int OverdueCount, int ClosedCount, IReadOnlyList<ActionsRegisterJson.Row> Actions,
    IReadOnlyList<ActionsRegisterJson.MeetingRow> MeetingActions)
{
    /// <summary>An action a meeting raised under its own items, or imported with its ID, as it stood on the register's date.</summary>
    public sealed record MeetingRow(string MeetingId, DateOnly MeetingDate, string ActionId, string Text, string Owner, DateOnly RaisedOn, bool Imported,
        string? Target, string Status, string? Due, int DaysOverdue, string? LatestReview);

    public sealed record Row(
        string MeetingId,
        DateOnly MeetingDate,
        string CaseId,
        string CaseTitle,
        string ActionId,
        string Text,
        string Owner,
        DateOnly RaisedOn,
        DateOnly? TargetDate,
        IReadOnlyList<Revision> Revisions,
        DateOnly? CurrentTarget,
        string Status,
        DateOnly? ClosedOn,
        string? Due,
        int DaysOverdue,
        IReadOnlyList<ProgressLine> Progress,
        IReadOnlyList<NoteLine> Notes);

    public sealed record Revision(DateOnly RevisedTarget, string? Reason);

    public static ActionsRegisterJson From(ActionsRegisterAcrossMeetings register) => new(
        register.AsOf,
        register.IncludesClosed,
        register.OpenCount,
        register.OverdueCount,
        register.ClosedCount,
        register.Meetings.SelectMany(m => m.Cases.SelectMany(c => c.Actions.Select(a => RowOf(m, c, a)))).ToList(),
        register.Meetings.SelectMany(m => m.Raised).Select(a => new MeetingRow(a.MeetingId, a.MeetingDate, a.ActionId, a.Text, a.Owner, a.RaisedOn, a.Imported,
            a.Target.Length > 0 ? a.Target : null, a.StatusKey, a.HasDue ? a.Due : null, a.DaysOverdue, a.HasLatestReview ? a.LatestReview : null)).ToList());

    private static Row RowOf(MeetingActions meeting, CaseActions @case, ActionRow a) => new(
        meeting.MeetingId,
        meeting.Date,
        @case.CaseId,
        @case.Title,
        a.ActionId,
        a.Text,
        a.Owner,
        a.RaisedOn,
        a.HasTarget ? a.Target : null,
        a.Revisions.Select(r => new Revision(r.RevisedTarget, r.HasReason ? r.Reason : null)).ToList(),
        a.HasTarget || a.HasRevisions ? a.CurrentTarget : null,
        a.StatusKey,
        a.HasClosedOn ? a.ClosedOn : null,
        a.HasDue ? a.Due : null,
        a.DaysOverdue,
        a.Progress,
        a.Notes);
}
