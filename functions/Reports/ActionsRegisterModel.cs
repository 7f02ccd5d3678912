using Opsg.Functions.Cases;

namespace Opsg.Functions.Reports;

/// <summary>Every action of the case with its target history; open ones first, as the next meeting reviews them.</summary>
public sealed record ActionsRegisterModel(DocumentHeader Header, string CaseTitle, IReadOnlyList<ActionRow> Actions, bool HasActions, int OpenCount, int ClosedCount)
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
            rows.Count - open);
    }
}
