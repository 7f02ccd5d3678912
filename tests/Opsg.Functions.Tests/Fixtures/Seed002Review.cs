namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// The review half of seed 002 as request bodies: the meeting of 28 February 2020, SECAS's added
/// risks 12 and 13, actions /01–/03, the decisions on every LSC and risk, the post-meeting notes and
/// the TAG's view. Facts from the seed; the wording is ours.
/// </summary>
public static class Seed002Review
{
    public static object OpenReview => new { meetingDate = "2020-02-28", reportDueDate = "2020-03-06" };

    private static object Member(string name, string constituency, bool tele = true, string? alternateFor = null) =>
        new { name, constituency, teleconference = tele, alternateFor };

    private static object Other(string name, string organisation, bool tele = false, string? role = null) =>
        new { name, constituency = "otherParticipant", organisation, teleconference = tele, role };

    public static object Meeting => new
    {
        date = "2020-02-28",
        startTime = "12:30",
        endTime = "14:30",
        venue = "Gemserv, 8 Fenchurch Place, London, EC3M 4AJ",
        attendees = new[]
        {
            Member("Dave Warner", "operationsGroupChair"),
            Member("Gemma Slaney", "networkParty"),
            Member("Matt Alexander", "networkParty"),
            Member("Zoe Marklew", "largeSupplier"),
            Member("Paul Clark", "largeSupplier", tele: false),
            Member("Ed Webber", "largeSupplier"),
            Member("Gareth Sherratt", "largeSupplier", alternateFor: "Nassar Zeb"),
            Member("Rochelle Harrison", "largeSupplier"),
            Member("Simon Dowse", "smallSupplier"),
            Member("Kate Barnes", "smallSupplier"),
            Member("Heidi Wilbor", "smallSupplier"),
            Member("Richard Phillips", "otherSecParty"),
            Other("Paul Weatherly", "DCC"),
            Other("Natasha Sinnett", "DCC"),
            Other("Darren Robbins", "DCC", tele: true),
            Other("Christopher Thompson", "DCC"),
            Other("Penny Brown", "DCC", tele: true),
            Other("Rob Munroe", "DCC", tele: true),
            Other("Tim Hall", "SECAS"),
            Other("Veronica Asantewaa", "SECAS", role: "Meeting Secretary"),
            Other("Robin Healey", "TAG", tele: true),
            Other("Natasha Free", "BEIS", tele: true),
        },
        apologies = Array.Empty<object>(),
    };

    public static readonly object[] AddedRisks =
    [
        new { number = 12, title = "Telefonica and ITIL compliance", explanation = "The statement said Telefonica was not ITIL compliant; it is. The gap is Target Resolution Times for Incidents, as with Vodafone at IOC.", raisedBy = "SECAS" },
        new { number = 13, title = "Alert volumes", explanation = "About 2.3 Alerts per installation per day (180,000 a day for SMETS1), small beside SMETS2; watched in the daily go/no-go.", raisedBy = "SECAS" },
    ];

    public static readonly object[] Actions =
    [
        new { text = "Present the migration pacing strategy at OPSG_30.", owner = "DCC" },
        new { text = "Confirm that Telefonica is compliant with ITIL.", owner = "DCC" },
        new { text = "Publish the revised BCDR plan covering MDS and Telefonica.", owner = "DCC" },
    ];

    public static readonly string[] ActionIds = ["OPSG 29xxx/01", "OPSG 29xxx/02", "OPSG 29xxx/03"];

    public static object Decisions => new
    {
        criteria = new object[]
        {
            new { lsc = 1, decision = "accepted", rag = "green" },
            new { lsc = 2, decision = "acceptedSubjectToCondition", conditionRisk = 12, rag = "green", discussion = "Target Resolution Times for Incidents were missed on several occasions; SEC changes are being worked on with BEIS." },
            new { lsc = 3, decision = "acceptedSubjectToCondition", conditionRisk = 13, rag = "green" },
            new { lsc = 6, decision = "statusAgreed", rag = "amber", ragNote = "This AMBER should not affect the recommendation to go live.", discussion = "January was the worst month for Category 1 and 2 Incidents; February had three, none from SMETS1. The Chair said this could not be called a stable service." },
            new { lsc = 7, decision = "accepted", rag = "green" },
            new { lsc = 8, decision = "statusAgreed", rag = "amber", discussion = "Consumers with Auxiliary Load circuits could be affected (see residual risk 10)." },
            new { lsc = 9, decision = "acceptedSubjectToCondition", condition = "Publication of a revised BCDR plan that includes MDS and Telefonica.", rag = "amber", conditionAction = "OPSG 29xxx/03" },
        },
        risks = new object[]
        {
            new { number = 3, decision = "accepted", discussion = "Low because the cohort is small; the TAG Chair expects it to be reviewed again at IOC and finds it manageable." },
            new { number = 4, decision = "removed", discussion = "DUIS 1 and 2 were not affected by the DUIS 3 migrations, so it is no longer a residual risk." },
            new { number = 5, decision = "acceptedRemovalPendingTagApproval", discussion = "Acceptable to the OPSG; TAG members must approve before it is removed." },
            new { number = 8, decision = "accepted", discussion = "The Chair asked about the 0.1% failure rate; one meter became unrecoverable (the Itron master key issue), which is under investigation." },
            new { number = 9, decision = "accepted", discussion = "The SSC lifted its caveats; any outage lasts about six seconds until the MPLS links are in." },
            new { number = 10, decision = "accepted", discussion = "To be reassessed if Core Release 1.1 is not in by 6 May." },
            new { number = 12, decision = "acceptedSubjectToAction", actionId = "OPSG 29xxx/02", discussion = "Members doubted ITIL compliance given the missed resolution times; acceptable once the DCC confirms that Telefonica is compliant." },
            new { number = 13, decision = "accepted", discussion = "Given the DCC's continuous monitoring." },
        },
    };

    /// <summary>As in the seed, only the note closing action /02 gives a date (5 March); the others give none.</summary>
    public static readonly object[] PostMeetingNotes =
    [
        new { effect = "actionClosed", actionId = "OPSG 29xxx/01", text = "Completed; action closed." },
        new { effect = "conditionDischarged", lsc = 2, text = "The provisions have been discharged." },
        new { effect = "actionClosed", actionId = "OPSG 29xxx/02", on = "2020-03-05", text = "Completed 5 March; action closed." },
        new { effect = "conditionDischarged", risk = 12, text = "Action discharged after the meeting; the caveat is removed for the Panel." },
        new { effect = "clarification", lsc = 9, text = "Telefonica cannot meet the SEC's BCDR requirement (as Vodafone at IOC); BEIS is expected to direct a SEC amendment." },
    ];

    public static object TagView => new
    {
        criteria = new object[]
        {
            new { lsc = 4, decision = "accepted", rag = "green", commentary = "Testing for the MDS DMC is complete." },
            new { lsc = 5, decision = "accepted", rag = "amber", commentary = "Negative testing to be closed out by TAG members; no open defect of concern." },
        },
        risks = new object[]
        {
            new { number = 3, view = "Reviewed again at IOC; nothing more can limit it, and it is manageable." },
            new { number = 5, view = "TAG members must approve before it is removed; low impact, not a bar to a recommendation." },
        },
    };

    public static object PanelDecision => new { outcome = "approvedWithConditions", on = "2020-03-11", note = "EPCL to be updated for the MDS DMC." };

    public static object MinutesApproval => new { atMeeting = "OPSG_30", on = "2020-03-24" };
}
