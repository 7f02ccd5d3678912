using Opsg.Functions.Records;

namespace Opsg.Functions.Meetings;

public sealed record MeetingNoteRequest(int? Item, int? Outcome, DateOnly? On, string? Text);

/// <summary>A post-meeting note on an item or one of its outcomes, dated or not; the minutes print it in brackets.</summary>
public static class MeetingNotes
{
    public static (MeetingNoteRequest? Command, Rejection? Rejection) Validate(MeetingNoteRequest request)
    {
        var v = new Validator();
        v.Required(request.Item, "item");
        var text = v.Text(request.Text, "text", Validator.MaxLongText);
        TextLinks.Check(v, text, "text");
        return v.ToRejection() is { } rejection ? (null, rejection) : (request with { Text = text }, null);
    }

    public static Decision Decide(MeetingState state, MeetingNoteRequest command)
    {
        var (item, refused) = AgendaItems.Find(state, command.Item!.Value);
        if (refused is not null) return refused;
        if (command.On is { } on && on < state.Scheduled!.Date)
            return Rejection.Invalid("on", "A post-meeting note cannot be dated before the meeting.");
        if (command.Outcome is { } outcome && !item!.Outcomes.Any(o => o.Number == outcome))
            return new Rejection(404, "No such outcome.", $"Item {item.Added.Number} of '{state.MeetingId}' has no outcome {outcome}.");
        return Decision.Accept(new MeetingNoteAdded(item!.Added.Number, command.Outcome, command.On, command.Text!));
    }
}
