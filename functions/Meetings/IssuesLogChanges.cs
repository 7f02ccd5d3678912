using System.Globalization;
using Opsg.Functions.Records;

namespace Opsg.Functions.Meetings;

public sealed record IssuesLogRequest(string? Change, string? Title, string? List, string? IssueId, string? TransferredTo);

/// <summary>
/// An AGREED outcome changes the Issues Log: "AGREED to add to the Issues Log" adds an entry (numbered by the meeting,
/// "IL 25/01"), "to close" closes one, "to transfer" hands one to another body. Nothing else changes the log.
/// </summary>
public static class IssuesLogChanges
{
    public const string OwnList = "OPSG";

    public static (IssuesLogRequest? Command, Rejection? Rejection) Validate(IssuesLogRequest request)
    {
        var v = new Validator();
        var change = v.Enum<IssuesLogChange>(request.Change, "change");
        var title = v.OptionalText(request.Title, "title");
        var list = v.OptionalText(request.List, "list", 40) ?? OwnList;
        var issueId = v.OptionalText(request.IssueId, "issueId", 40);
        var transferredTo = v.OptionalText(request.TransferredTo, "transferredTo", 200);
        if (request.Change is not null)
        {
            v.Check((title is not null) == (change == IssuesLogChange.Added), "title", "The new entry's title, only when an entry is added.");
            v.Check((issueId is not null) == (change != IssuesLogChange.Added), "issueId", "The entry closed or transferred (e.g. IL 25/01), only then.");
            v.Check((transferredTo is not null) == (change == IssuesLogChange.Transferred), "transferredTo", "The body the entry goes to, only when it is transferred.");
        }
        if (title is not null) TextLinks.Check(v, title, "title");
        return v.ToRejection() is { } rejection
            ? (null, rejection)
            : (request with { Change = change.ToString(), Title = title, List = list, IssueId = issueId, TransferredTo = transferredTo }, null);
    }

    public static Decision Decide(MeetingState state, int item, int outcome, IssuesLogRequest command, IssuesLog log)
    {
        var (found, refused) = AgendaItems.Find(state, item);
        if (refused is not null) return refused;
        var agreed = found!.Outcomes.FirstOrDefault(o => o.Number == outcome);
        if (agreed is null) return new Rejection(404, "No such outcome.", $"Item {item} of '{state.MeetingId}' has no outcome {outcome}.");
        if (agreed.Verb != OutcomeVerb.Agreed)
            return Rejection.OutOfOrder($"Only what the Group AGREED changes the Issues Log; outcome {outcome} of item {item} is {agreed.Verb.ToString().ToUpperInvariant()}.");
        var change = Enum.Parse<IssuesLogChange>(command.Change!);
        if (change == IssuesLogChange.Added)
        {
            var number = state.IssuesLogChanges.Count(c => c.Change == IssuesLogChange.Added) + 1;
            var id = $"IL {state.MeetingId["OPSG_".Length..]}/{number.ToString("D2", CultureInfo.InvariantCulture)}";
            return Decision.Accept(new IssuesLogChanged(item, outcome, change, id, command.Title!, command.List!, null));
        }
        if (log.Find(command.IssueId!) is not { } entry)
            return new Rejection(404, "No such entry.", $"The Issues Log has no entry '{command.IssueId}'.");
        if (!entry.IsOpen)
            return Rejection.OutOfOrder($"Entry {entry.IssueId} was {entry.StatusOn(DateOnly.MaxValue)} at {entry.Ended!.MeetingId}; nothing was recorded.");
        if (entry.Opened.MeetingId != state.MeetingId && entry.Opened.HeldOn > state.Scheduled!.Date)
            return Rejection.OutOfOrder($"Entry {entry.IssueId} was opened at a later meeting, {entry.Opened.MeetingId}.");
        return Decision.Accept(new IssuesLogChanged(item, outcome, change, entry.IssueId, entry.Title, entry.List, command.TransferredTo));
    }
}
