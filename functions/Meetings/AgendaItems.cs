using System.Globalization;
using Opsg.Functions.Cases;
using Opsg.Functions.Records;
using Opsg.Functions.Review;

namespace Opsg.Functions.Meetings;

public sealed record AgendaItemRequest(int? Number, string? Title, string? Presenter, List<ParagraphRequest>? Narrative, string? NilReturn, string? CaseId = null, string? Standing = null);

public sealed record ParagraphRequest(string? Heading, string? Text);

/// <summary>
/// SECAS minutes an agenda item: its number (used once), title, presenter and narrative; or puts a readiness case on
/// the agenda, which must exist and not have been reviewed at another meeting, once per meeting.
/// </summary>
public static class AgendaItems
{
    public const int MaxItems = 60;
    public const int MaxParagraphs = 60;

    public static (AgendaItemAdded? Event, Rejection? Rejection) Validate(AgendaItemRequest request)
    {
        var v = new Validator();
        var number = v.Required(request.Number, "number");
        if (request.Number is { } n) v.Check(n is >= 1 and <= MaxItems, "number", $"Between 1 and {MaxItems}.");
        var title = v.Text(request.Title, "title");
        var presenter = v.OptionalText(request.Presenter, "presenter");
        var narrative = v.List(request.Narrative, "narrative", MaxParagraphs)
            .Select((p, i) => new Paragraph(v.OptionalText(p.Heading, $"narrative[{i}].heading"), v.Text(p.Text, $"narrative[{i}].text", Validator.MaxLongText)))
            .ToList();
        var nil = v.OptionalText(request.NilReturn, "nilReturn");
        var caseId = v.OptionalText(request.CaseId, "caseId", CaseIds.MaxLength);
        var standing = v.OptionalEnum<StandingItem>(request.Standing, "standing");
        v.Check(standing is null || caseId is null, "standing", "A standing item is not a readiness case.");
        foreach (var (text, i) in narrative.Select((p, i) => (p.Text, i))) TextLinks.Check(v, text, $"narrative[{i}].text");
        return v.ToRejection() is { } rejection ? (null, rejection) : (new AgendaItemAdded(number, title, presenter, narrative, nil, caseId, standing), null);
    }

    public static Decision Decide(MeetingState state, AgendaItemAdded item, CaseState? reviewed = null)
    {
        if (MeetingRules.Open(state) is { } refused) return refused;
        if (state.Items.ContainsKey(item.Number))
            return new Rejection(409, "The item number is taken.", $"Meeting '{state.MeetingId}' already has an item {item.Number.ToString(CultureInfo.InvariantCulture)}.");
        if (item.Standing is { } standing && state.Items.Values.FirstOrDefault(i => i.Added.Standing == standing) is { } taken)
            return Rejection.OutOfOrder($"Item {taken.Added.Number.ToString(CultureInfo.InvariantCulture)} of {state.MeetingId} is already its {standing} item.");
        if (item.CaseId is not { } caseId) return Decision.Accept(item);
        if (reviewed is not { Exists: true }) return new Rejection(404, "No such case.", $"There is no case '{caseId}' to put on the agenda.");
        if (reviewed.Meeting is { } other && other.MeetingId != state.MeetingId)
            return Rejection.OutOfOrder($"Case '{caseId}' was reviewed at {other.MeetingId}; its item belongs to that meeting's agenda.");
        return state.Items.Values.Any(i => i.Added.CaseId == caseId)
            ? Rejection.OutOfOrder($"Case '{caseId}' is already an item of {state.MeetingId}.")
            : Decision.Accept(item);
    }

    /// <summary>The item a command is about, or 404 (after the meeting's own refusals).</summary>
    public static (ItemState? Item, Rejection? Rejection) Find(MeetingState state, int number)
    {
        if (MeetingRules.Open(state) is { } refused) return (null, refused);
        return state.Items.TryGetValue(number, out var item) ? (item, null) : (null, MeetingRules.NoSuchItem(state.MeetingId, number));
    }
}
