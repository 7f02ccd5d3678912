using Opsg.Functions.Cases;
using Opsg.Functions.Records;
using Opsg.Functions.Review;
using Opsg.Functions.Submissions;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// Seed 002 with everything a document can show switched on at least once: evidence, apologies, a
/// member there for part of the meeting, a risk waiting for the TAG, a removal left to the TAG (one
/// settled by its approval, one still pending), an action with a target, revised
/// targets with and without a reason, progress, a note about the meeting as a whole, a TAG condition. Rendering it
/// takes every branch the templates have, so a misspelt member cannot hide in an untaken one.
/// Every free-text field passes through <c>text</c>, as in <see cref="Seed002Recorded"/>.
/// </summary>
public static class FullSample
{
    public const string Action04 = "OPSG 29xxx/04";
    private static readonly DateOnly Target04 = new(2020, 3, 20);

    public static CaseState State(Func<string, string>? text = null, bool publishable = false, bool lscNotAccepted = false) =>
        Seed002Recorded.Fold(Events(text, publishable, lscNotAccepted));

    public static IReadOnlyList<RecordEvent> Events(Func<string, string>? text = null, bool publishable = false, bool lscNotAccepted = false)
    {
        var t = text ?? (s => s);
        var opening = Seed002Recorded.Opening(text).Select(e => e is CaseOpened opened && publishable ? opened with { Classification = Classification.Publishable } : e);
        var meeting = Seed002Recorded.Meeting(text).Select(e => e is MeetingRecorded recorded ? WithApologiesAndAPartTimer(recorded, t) : e);
        return
        [
            .. opening,
            new EvidenceAttached("doc-1", t("MDS test completion report.pdf"), EvidenceKind.Pdf, 48_213, new string('a', 64), "evidence/seed002/a", [1, 2]),
            new EvidenceAttached("doc-2", t("BCDR plan draft.docx"), EvidenceKind.Docx, 20_480, new string('b', 64), "evidence/seed002/b", [9]),
            .. meeting,
            new RiskDecided(5, RiskDecision.NeedsTagApproval, null, t("Members would remove it only once the TAG agrees.")),
            new RiskDecided(3, RiskDecision.AcceptedRemovalPendingTagApproval, null, t("Acceptable; members would remove it once the TAG approves.")),
            new RiskDecided(9, RiskDecision.AcceptedRemovalPendingTagApproval, null, t("Acceptable until the MPLS links are in; then to be removed, with the TAG's approval.")),
            new ActionRaised(Action04, 4, t("SECAS to circulate the TAG's view on risk 5 to members."), t("SECAS"), Seed002Recorded.MeetingDate, Target04),
            .. lscNotAccepted ? [new CriterionDecided(6, CriterionDecision.NotAccepted, null, null, Rag.Red, null, t("Members could not accept the February incident record."))] : Array.Empty<RecordEvent>(),
            WithATagCondition(Seed002Recorded.TagView(text), t),
            .. Seed002Recorded.Notes(text),
            new ActionTargetRevised(Seed002Recorded.Action03, new DateOnly(2020, 3, 27), null),
            new ActionTargetRevised(Seed002Recorded.Action03, new DateOnly(2020, 4, 17), t("the BCDR plan waits for Telefonica's figures")),
            new ActionProgressNoted(Seed002Recorded.Action03, new DateOnly(2020, 3, 25), t("A first draft of the plan went to SECAS.")),
            new PostMeetingNoteAdded("PMN-6", NoteEffect.Clarification, null, null, null, new DateOnly(2020, 3, 9), t("The next meeting will take the BCDR plan first.")),
        ];
    }

    // The TAG also approves removing risk 3, which the OPSG left pending; risk 9's removal stays pending.
    private static TagViewRecorded WithATagCondition(TagViewRecorded view, Func<string, string> t) => view with
    {
        Criteria = [.. view.Criteria.Select(c => c.Lsc == 5
            ? c with { Decision = CriterionDecision.AcceptedSubjectToCondition, Condition = t("Negative testing finished and its report circulated.") }
            : c)],
        Risks = [.. view.Risks.Select(r => r.Number == 3 ? r with { Removal = RiskRemoval.Approved } : r)],
    };

    private static MeetingRecorded WithApologiesAndAPartTimer(MeetingRecorded meeting, Func<string, string> t) => meeting with
    {
        Attendees = [.. meeting.Attendees, new Attendee(t("Alex Moreno"), Constituency.OtherSecParty, null, true, null, true, null)],
        Apologies = [new Apology(t("Nassar Zeb"), Constituency.LargeSupplier, null), new Apology(t("Sam Okafor"), Constituency.OtherParticipant, t("Ofgem"))],
    };
}
