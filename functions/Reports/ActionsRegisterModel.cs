using Opsg.Functions.Cases;

namespace Opsg.Functions.Reports;

/// <summary>Every action of the case with its target history; open ones first, as the next meeting reviews them.</summary>
public sealed record ActionsRegisterModel(DocumentHeader Header, string CaseTitle, IReadOnlyList<ActionRow> Actions, bool HasActions, int OpenCount, int ClosedCount, string Summary)
{
    public static ActionsRegisterModel From(CaseState state)
    {
        var rows = ReportRows.Actions(state).OrderBy(a => a.IsOpen ? 0 : 1).ThenBy(a => a.Number).ToList();
        var open = rows.Count(a => a.IsOpen);
        return new ActionsRegisterModel(
            DocumentHeader.For(state, "_AR", "Actions register", DocumentHeader.DraftOrFinal(state)),
            state.Opened!.Title,
            rows,
            rows.Count > 0,
            open,
            rows.Count - open,
            SummaryOf(open, rows.Count - open));
    }

    /// <summary>"1 open action, 2 closed. Open actions are listed first."</summary>
    public static string SummaryOf(int open, int closed) => (open, closed) switch
    {
        (0, 0) => "No action has been raised.",
        (_, 0) => $"{ReportFormats.Count(open, "open action", "open actions")}, none closed.",
        (0, _) => $"No open actions, {ReportFormats.Thousands(closed)} closed.",
        _ => $"{ReportFormats.Count(open, "open action", "open actions")}, {ReportFormats.Thousands(closed)} closed. Open actions are listed first.",
    };
}
