using Opsg.Functions.Cases;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Records;
using Opsg.Functions.Review;
using Opsg.Functions.Submissions;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// The extraordinary OPSG meeting of seed 002 as plain events, for model and template tests without
/// I/O. Facts from the seed; wording our own. Every free-text field passes through <c>text</c>, so a
/// test can plant hostile strings in all of them at once.
/// </summary>
public static class Seed002History
{
    public const string CaseId = "seed002";
    public const string MeetingId = "OPSG_29xxx";
    public static readonly DateOnly MeetingDate = new(2020, 2, 28);
    public static readonly DateTimeOffset Start = new(2020, 2, 10, 9, 0, 0, TimeSpan.Zero);

    public static readonly int[] OpsgScope = [1, 2, 3, 6, 7, 8, 9];
    public static readonly int[] TagScope = [4, 5];
    public static readonly int[] RiskNumbers = [3, 4, 5, 8, 9, 10, 12, 13];
    public const string Action01 = "OPSG 29xxx/01";
    public const string Action02 = "OPSG 29xxx/02";
    public const string Action03 = "OPSG 29xxx/03";

    private static string Same(string s) => s;

    public static IReadOnlyList<RecordEvent> Opening(Func<string, string>? text = null)
    {
        var t = text ?? Same;
        return
        [
            new CaseOpened(t("SMETS1 MOC: Morrisons Data Services DMC readiness"), Classification.NotForPublication, MeetingId, MeetingDate),
            new ReadinessSubmitted(
                new Subject(t("SMETS1 Middle Operating Capability (MOC)"), t("Morrisons Data Services (MDS) Elster"), t("update the Eligible Products Combination List with the MDS DMC")),
                new Cohort(98218, 43154),
                OpsgScope,
                TagScope,
                [
                    new(1, t("Every MOC migration component is built, tested, deployed and ready for live operation.")),
                    new(2, t("The service desk and incident processes cover the CSP Central and South estate.")),
                    new(3, t("More than 10,000 installations were migrated in a single day after the daily cap was raised.")),
                    new(4, t("Testing evidence is with the TAG.")),
                    new(5, t("Outstanding defects are listed in the test completion report.")),
                    new(6, t("February saw three service-affecting incidents, none caused by SMETS1.")),
                    new(7, t("Lessons from IOC and FOC are recorded and applied.")),
                    new(8, t("Failed migrations are rare and monitored daily.")),
                    new(9, t("A revised BCDR plan covering MDS and Telefonica will be published.")),
                ],
                [
                    new(3, t("No end-to-end capacity testing"), t("Low residual risk given the small cohort."), RiskProposal.Accept),
                    new(4, t("Capacity testing only on the DUIS 3 interface"), t("All migrations so far used DUIS 3 with no harm to DUIS 1 or 2."), RiskProposal.Remove),
                    new(5, t("Negative testing incomplete"), t("Low impact while migration volumes stay low."), RiskProposal.AcceptAndRemove),
                    new(8, t("Migrating active meters could affect consumers"), t("Failures are around 0.1%, with one unrecoverable meter under investigation."), RiskProposal.Accept),
                    new(9, t("Temporary use of IPsec"), t("Outages last seconds until MPLS fixed links arrive in June 2020."), RiskProposal.Accept),
                    new(10, t("Auxiliary load capability"), t("A fix follows in Core Release 1.1."), RiskProposal.Accept),
                ]),
        ];
    }

    /// <summary>What SECAS records from the meeting: attendance, decisions, SECAS's two risks, actions.</summary>
    public static IReadOnlyList<RecordEvent> Meeting(Func<string, string>? text = null)
    {
        var t = text ?? Same;
        Attendee Member(string name, Constituency c, bool tel = true, string? alternateFor = null) => new(t(name), c, null, tel, alternateFor is null ? null : t(alternateFor), false, null);
        Attendee Other(string name, string organisation, bool tel, string? role = null) => new(t(name), Constituency.OtherParticipant, t(organisation), tel, null, false, role is null ? null : t(role));
        return
        [
            new ReviewOpened(MeetingId, MeetingDate, null),
            new MeetingRecorded(MeetingId, MeetingDate, "12:30", "14:30", t("Gemserv, 8 Fenchurch Place, London EC3M 4AJ"),
            [
                Member("Dave Warner", Constituency.OperationsGroupChair),
                Member("Gemma Slaney", Constituency.NetworkParty),
                Member("Matt Alexander", Constituency.NetworkParty),
                Member("Zoe Marklew", Constituency.LargeSupplier),
                Member("Paul Clark", Constituency.LargeSupplier, tel: false),
                Member("Ed Webber", Constituency.LargeSupplier),
                Member("Gareth Sherratt", Constituency.LargeSupplier, alternateFor: "Nassar Zeb"),
                Member("Rochelle Harrison", Constituency.LargeSupplier),
                Member("Simon Dowse", Constituency.SmallSupplier),
                Member("Kate Barnes", Constituency.SmallSupplier),
                Member("Heidi Wilbor", Constituency.SmallSupplier),
                Member("Richard Phillips", Constituency.OtherSecParty),
                Other("Paul Weatherly", "DCC", false),
                Other("Natasha Sinnett", "DCC", false),
                Other("Darren Robbins", "DCC", true),
                Other("Christopher Thompson", "DCC", false),
                Other("Penny Brown", "DCC", true),
                Other("Rob Munroe", "DCC", true),
                Other("Tim Hall", "SECAS", false),
                Other("Veronica Asantewaa", "SECAS", false, "Meeting Secretary"),
                Other("Robin Healey", "TAG", true),
                Other("Natasha Free", "BEIS", true),
            ],
            []),
            new RiskAdded(12, t("Telefonica and ITIL compliance"), t("The submission called Telefonica non-compliant with ITIL; it is compliant, and the shortfall against the SEC is in incident resolution times, as with Vodafone at IOC."), t("SECAS")),
            new RiskAdded(13, t("Alerts"), t("About 2.3 alerts per installation per day, some 180,000 a day in SMETS1, against about 50 million a day in SMETS2; watched daily before each day's go/no-go."), t("SECAS")),
            new RiskDecided(3, RiskDecision.Accepted, null, t("Low because the cohort is small; the TAG Chair expects it to be looked at again for IOC and thinks it manageable.")),
            new RiskDecided(4, RiskDecision.Removed, null, t("DUIS 1 and 2 were not affected by the DUIS 3 migrations, so members agreed it is no longer a residual risk.")),
            new RiskDecided(5, RiskDecision.AcceptedRemovalPendingTagApproval, null, t("Accepted as low impact; removing it needs the approval of TAG members.")),
            new RiskDecided(8, RiskDecision.Accepted, null, t("The Chair asked about the 0.1% failure rate; one meter became unrecoverable (the Itron master key issue).")),
            new RiskDecided(9, RiskDecision.Accepted, null, t("SSC lifted its caveats; any outage lasts about six seconds until MPLS links are in.")),
            new RiskDecided(10, RiskDecision.Accepted, null, t("Members want the Core Release 1.1 fix documented and in place soon after go-live; the risk is to be reassessed if the release misses 6 May.")),
            new ActionRaised(Action01, 1, t("The DCC to present its migration pacing strategy at OPSG_30."), t("DCC"), MeetingDate, null),
            new ActionRaised(Action02, 2, t("The DCC to confirm that Telefonica is compliant with ITIL."), t("DCC"), MeetingDate, null),
            new ActionRaised(Action03, 3, t("The DCC to publish the revised BCDR plan covering MDS and Telefonica."), t("DCC"), MeetingDate, null),
            new RiskDecided(12, RiskDecision.AcceptedSubjectToAction, Action02, t("Acceptable once the DCC confirms Telefonica's ITIL compliance.")),
            new RiskDecided(13, RiskDecision.Accepted, null, t("Acceptable given the DCC's continuous monitoring.")),
            new CriterionDecided(1, CriterionDecision.Accepted, null, null, Rag.Green, null, null),
            new CriterionDecided(2, CriterionDecision.AcceptedSubjectToCondition, null, 12, Rag.Green, null, t("Members doubted ITIL compliance given missed incident resolution times; the DCC is working with BEIS on SEC changes.")),
            new CriterionDecided(3, CriterionDecision.AcceptedSubjectToCondition, null, 13, Rag.Green, null, null),
            new CriterionDecided(6, CriterionDecision.StatusAgreed, null, null, Rag.Amber, t("this AMBER should not affect the recommendation to go live"), t("January was the worst month yet for category 1 and 2 incidents; February had three, none from SMETS1. The Chair said this could not be called a stable service.")),
            new CriterionDecided(7, CriterionDecision.Accepted, null, null, Rag.Green, null, null),
            new CriterionDecided(8, CriterionDecision.StatusAgreed, null, null, Rag.Amber, null, t("Consumers with auxiliary load circuits could be affected (see risk 10).")),
            new CriterionDecided(9, CriterionDecision.AcceptedSubjectToCondition, t("publication of a revised BCDR plan covering MDS and Telefonica"), null, Rag.Amber, null, null, Action03),
        ];
    }

    /// <summary>The TAG's parallel view (not in the seed; plausible, for the side-by-side table).</summary>
    public static TagViewRecorded TagView(Func<string, string>? text = null)
    {
        var t = text ?? Same;
        return new TagViewRecorded(
            [
                new(4, CriterionDecision.Accepted, Rag.Green, t("Test completion evidence reviewed.")),
                new(5, CriterionDecision.Accepted, Rag.Amber, t("Negative testing still to finish.")),
            ],
            [
                new(3, t("Manageable; to be looked at again for IOC.")),
                new(5, t("TAG members must approve before this is removed.")),
            ]);
    }

    /// <summary>
    /// As in the seed, only the note closing action /02 gives a date (5 March); the others give none. In an
    /// order the API accepts: LSC 2's condition is discharged before risk 12's caveat, which would discharge
    /// it too and leave the note on LSC 2 refused as "already discharged".
    /// </summary>
    public static IReadOnlyList<PostMeetingNoteAdded> Notes(Func<string, string>? text = null)
    {
        var t = text ?? Same;
        return
        [
            new("PMN-1", NoteEffect.ActionClosed, Action01, null, null, null, t("Done: the pacing strategy was presented. Action closed.")),
            new("PMN-2", NoteEffect.ConditionDischarged, null, 2, null, null, t("The provisions of risk 12 have been discharged.")),
            new("PMN-3", NoteEffect.ActionClosed, Action02, null, null, new DateOnly(2020, 3, 5), t("Completed on 5 March. Action closed.")),
            new("PMN-4", NoteEffect.ConditionDischarged, null, null, 12, null, t("The action was discharged after the meeting, so this risk went to the Panel without its caveat.")),
            new("PMN-5", NoteEffect.Clarification, null, 9, null, null, t("Telefonica cannot meet the SEC's BCDR requirement (as Vodafone could not at IOC); BEIS is expected to direct a SEC amendment.")),
        ];
    }

    public static IReadOnlyList<RecordEvent> All(Func<string, string>? text = null) =>
        [.. Opening(text), .. Meeting(text), TagView(text), .. Notes(text)];

    /// <summary>Events as a history: sequence from 1, one hour apart, each with a plausible actor.</summary>
    public static IReadOnlyList<RecordedEvent> Recorded(IEnumerable<RecordEvent> events) =>
        events.Select((e, i) => new RecordedEvent(i + 1, e, ActorFor(e), Start.AddHours(i))).ToList();

    public static CaseState State(Func<string, string>? text = null) => CaseRecord.Fold(CaseId, Recorded(All(text)));

    /// <summary>The case as it stood when the meeting closed: no TAG view, no post-meeting notes.</summary>
    public static CaseState AtMeeting() => CaseRecord.Fold(CaseId, Recorded([.. Opening(), .. Meeting()]));

    private static Actor ActorFor(RecordEvent e) => e switch
    {
        ReadinessSubmitted => new Actor(Role.Dcc, "dcc"),
        TagViewRecorded => new Actor(Role.Tag, "tag"),
        _ => new Actor(Role.Secas, "secas"),
    };
}
