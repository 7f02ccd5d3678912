using Opsg.Functions.Records;

namespace Opsg.Functions.Meetings;

public sealed record OutcomeRequest(string? Verb, string? Text, List<string>? Points, string? SubjectTo, string? ForApprovalBy);

/// <summary>
/// What the Group concluded on an item, in its own verbs. ENDORSED may be "subject to" something; RECOMMENDED names
/// the body asked to approve (SEC Panel, SECCo Board); NOTED may carry a numbered list ("NOTED that:").
/// </summary>
public static class Outcomes
{
    public const int MaxPoints = 40;

    public static (OutcomeRequest? Command, Rejection? Rejection) Validate(OutcomeRequest request)
    {
        var v = new Validator();
        var verb = v.Enum<OutcomeVerb>(request.Verb, "verb");
        var text = v.Text(request.Text, "text", Validator.MaxLongText);
        var points = v.List(request.Points, "points", MaxPoints).Select((p, i) => v.Text(p, $"points[{i}]", Validator.MaxLongText)).ToList();
        var subjectTo = v.OptionalText(request.SubjectTo, "subjectTo", Validator.MaxLongText);
        var forApprovalBy = v.OptionalText(request.ForApprovalBy, "forApprovalBy");
        if (subjectTo is not null) v.Check(verb is OutcomeVerb.Endorsed or OutcomeVerb.Agreed, "subjectTo", "Only what the Group ENDORSED or AGREED can be subject to something.");
        if (request.Verb is not null && verb == OutcomeVerb.Recommended) v.Check(forApprovalBy is not null, "forApprovalBy", "Name the body asked to approve it, e.g. SEC Panel.");
        if (forApprovalBy is not null) v.Check(verb == OutcomeVerb.Recommended, "forApprovalBy", "Only a RECOMMENDED outcome goes for approval.");
        TextLinks.Check(v, text, "text");
        foreach (var (p, i) in points.Select((p, i) => (p, i))) TextLinks.Check(v, p, $"points[{i}]");
        return v.ToRejection() is { } rejection
            ? (null, rejection)
            : (new OutcomeRequest(verb.ToString(), text, points, subjectTo, forApprovalBy), null);
    }

    public static Decision Decide(MeetingState state, int item, OutcomeRequest command)
    {
        var (found, refused) = AgendaItems.Find(state, item);
        if (refused is not null) return refused;
        return Decision.Accept(new OutcomeRecorded(item, found!.Outcomes.Count + 1, Enum.Parse<OutcomeVerb>(command.Verb!), command.Text!,
            command.Points ?? [], command.SubjectTo, command.ForApprovalBy));
    }
}
