namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// Seed 004's ordinary meeting, OPSG_25 (1 October 2019), as SECAS would minute it through the API: the facts are the
/// seed's, the wording of narrative and actions is ours and shortened. Actions are listed under the item that raised
/// them, in the order the meeting numbered them (25/01 to 25/18).
/// </summary>
public static class Seed004Meeting
{
    public const string Id = "OPSG_25";
    public const string Previous = "OPSG_24";

    public static readonly object Meeting = new
    {
        meetingId = Id, kind = "ordinary", date = "2019-10-01", startTime = "10:00", endTime = "17:00",
        venue = "Gemserv, 8 Fenchurch Place, London, EC3M 4AJ", classification = "publishable", nextMeetingDate = "2019-11-05",
    };

    /// <summary>Only what the test needs of the previous meeting: it exists, a month earlier, and its minutes are draft.</summary>
    public static readonly object PreviousMeeting = new
    {
        meetingId = Previous, kind = "ordinary", date = "2019-09-03", startTime = "10:00", endTime = "16:00",
        venue = "Gemserv, 8 Fenchurch Place, London, EC3M 4AJ", classification = "publishable", nextMeetingDate = "2019-10-01",
    };

    public static readonly object Attendance = new
    {
        attendees = new object[]
        {
            new { name = "Dave Warner", constituency = "operationsGroupChair" },
            new { name = "Mo Asif", constituency = "dcc" },
            new { name = "Alex Henighan", constituency = "dcc" },
            new { name = "Gemma Slaney", constituency = "networkParty" },
            new { name = "Liam Cowe", constituency = "networkParty", teleconference = true },
            new { name = "Tony Shanahan", constituency = "largeSupplier" },
            new { name = "John Noad", constituency = "largeSupplier", teleconference = true },
            new { name = "Kate Barnes", constituency = "smallSupplier" },
            new { name = "Elias Hanna", constituency = "otherSecParty" },
            new { name = "Wendy Liddell", constituency = "otherParticipant", organisation = "DCC" },
            new { name = "Ian Brown", constituency = "otherParticipant", organisation = "DCC", partOnly = true },
            new { name = "Graham Spenceley", constituency = "otherParticipant", organisation = "DSP", partOnly = true },
            new { name = "Alan Bateman", constituency = "otherParticipant", organisation = "SECAS", partOnly = true },
            new { name = "Tim Hall", constituency = "otherParticipant", organisation = "SECAS", role = "Meeting Secretary" },
        },
        apologies = new object[]
        {
            new { name = "Geoff Huckerby", constituency = "otherSecParty" },
            new { name = "Tom Woolley", constituency = "otherSecParty" },
            new { name = "Simon Dowse", constituency = "smallSupplier" },
            new { name = "Heidi Wilbor", constituency = "smallSupplier" },
        },
    };

    public sealed record Item(int Number, string Title, object[] Narrative, object[] Outcomes, string[] Actions, string? NilReturn = null, string? Standing = null);

    private static object Said(string text, string? heading = null) => new { heading, text };

    private static object Outcome(string verb, string text, string[]? points = null, string? subjectTo = null, string? forApprovalBy = null) =>
        new { verb, text, points, subjectTo, forApprovalBy };

    public static readonly Item[] Items =
    [
        new(1, "Previous Meeting Minutes", [Said("The Chair welcomed members and invited comments on the draft minutes of OPSG_24; none were made.")],
            [Outcome("agreed", "that the minutes of OPSG_24 would be published as final.")], [], Standing: "previousMinutes"),
        new(2, "Panel Feedback Report", [Said("SECAS reported the outcomes of the September Panel meeting.")],
            [Outcome("noted", "the outcomes of the September Panel meeting:", [
                "Managed Service Providers will need to support the Supplier of Last Resort process; SECAS will take this forward.",
                "The SEC strategic plan will be published on the SEC website.",
                "Hosting device operating manuals on the SEC website was approved.",
                "A modification is being raised so that SECAS can raise modifications on the Panel's behalf."])], [], Standing: "panelFeedback"),
        new(3, "Actions Outstanding", [Said("The Group reviewed the actions still open from earlier meetings.")], [],
            ["DCC to track the experience of DNO members after the change to the Incident Management System.",
             "SECAS to transfer action OPSG 24/06 to the TABASC."], Standing: "actionsOutstanding"),
        new(4, "Major Incidents", [Said("SECAS presented its review of two Major Incident Review Reports.", "Incident reviews")],
            [Outcome("noted", "that:", ["The report should say that Service Requests which timed out must be resubmitted.", "Any business impact of the retries should be in the report."]),
             Outcome("agreed", "to publish both Major Incident Review Reports subject to the agreed revisions.")],
            ["SECAS to confirm to the DCC which amendments the report on service request time-outs needs.",
             "DCC to give the OPSG the Terms of Reference of the CSP C&S external audit."]),
        new(5, "DCC Operational Update", [Said("The DCC presented its operational update.")], [Outcome("noted", "the update.")],
            ["DCC to add a metric of successful prepayment vends to its November update.",
             "DCC to tell Users when they will receive WNC DB CHs."]),
        new(6, "Self-Service Interface", [Said("Members would not approve the proposals while several overlapped Draft Proposal DP083 (https://smartenergycodecompany.co.uk/modifications/change-coordination/).")],
            [Outcome("endorsed", "proposal SIP4931", subjectTo: "the DCC providing a cost estimate")],
            ["DCC to resubmit its SSI improvement proposal by 8 October, without the overlap with DP083 and with a cost estimate for each SIP."]),
        new(7, "Customer Perspective", [], [], [], NilReturn: "None proposed."),
        new(8, "CodeWorks – the digital SEC", [Said("SECAS presented the digital SEC; feedback is welcome at mailto:secas@gemserv.com.")], [Outcome("noted", "the update.")],
            ["Members to send SECAS any feedback on the digital SEC."]),
        new(9, "Work Package - Q3 2019 submission (Oct – Dec)", [Said("SECAS presented the quarterly work package.")],
            [Outcome("recommended", "the work package", forApprovalBy: "SECCo Board")], []),
        new(10, "New Draft Proposals and Modification Proposals", [],
            [Outcome("noted", "that none of the proposals presented were of operational interest.")], []),
        new(11, "SECMP0067 Business Case", [Said("SECAS presented the business case.")], [Outcome("noted", "the update.")],
            ["SECAS to relay the OPSG's comments on SECMP0067 to the SEC Change Working Group.",
             "DCC to explain every variable of the threshold matrices formula in the Preliminary Assessment."]),
        new(12, "SEC 2020 November Release", [Said("SECAS presented the scope of the release.")],
            [Outcome("discussed", "the provisional scope on the DCC Systems for the June and November 2020 releases."),
             Outcome("agreed", "to send any further comments to SECAS as soon as possible.")],
            ["SECAS and the DCC to extend the Acceptance Criteria for operational readiness.",
             "OPSG to send any further comments on the November 2020 release."]),
        new(13, "SMETS1 and November Release Governance", [],
            [Outcome("agreed", "the governance schedule for OPSG decisions on SMETS1 migrations and the November 2019 release.")],
            ["DCC to assess the risk of one go-live date for the next SMETS1 migrations and the November 2019 release."]),
        new(14, "Problem Management Strategy", [Said("The DCC presented an improved strategy for managing Problems.")], [],
            ["DCC to ask Users for their views on a per-User Problem Record."]),
        new(15, "Operational Metrics – Project Brief", [Said("SECAS presented the extended project brief.")],
            [Outcome("recommended", "the Project Brief", forApprovalBy: "SEC Panel and SECCo Board")],
            ["SECAS to add milestones and monthly staff effort to the project brief."]),
        new(16, "Alerting and Aged Incidents", [Said("Members raised the growing number of aged incidents and alerts.")],
            [Outcome("agreed", "that aged incidents and alerts will be added to the OPSG Issues Log and overseen by the OPSG.")],
            ["SECAS to add alerts and aged incidents to the OPSG Issues Log."]),
        new(17, "CH Exceptions", [Said("Members said it was still unclear how exceptions are agreed.")],
            [Outcome("agreed", "that CH Exceptions should be added to the OPSG Issues Log.")],
            ["SECAS to add CH Exceptions to the OPSG Issues Log."]),
        new(18, "Issues", [Said("The Group reviewed the open issues on the DQISG list.")],
            [Outcome("agreed", "to close the issues 'Incorrect Labelling In Legacy Systems' and 'Ability to Change Device Status'."),
             Outcome("noted", "that the work on the Data Quality Issues was almost complete."),
             Outcome("agreed", "that the remaining matters should move to the OPSG Issues Log.")],
            ["OPSG members to comment on candidate issues by 15 October."]),
        new(19, "Revised 2020 Meeting Dates", [], [Outcome("agreed", "the meeting dates proposed for 2020.")], []),
        new(20, "Any Other Business", [Said("No other business was raised, and the Chair closed the meeting.")], [], [], Standing: "anyOtherBusiness"),
    ];

    /// <summary>The seed's post-meeting notes: one on an outcome (item 4, the first NOTED), one on an item (16), undated.</summary>
    public static readonly object[] Notes =
    [
        new { item = 4, outcome = 1, text = "The need to resubmit timed-out Service Requests was confirmed as already in the report." },
        new { item = 16, text = "The Chair asked SECAS and the DCC to define monthly reporting on alerts to the OPSG, starting at OPSG meeting 26." },
    ];

    /// <summary>
    /// The actions still open from earlier meetings that item 3 reviewed, imported with the IDs, dates, targets and
    /// owners they had (OPSG_24 is in the system only for its place in the calendar; its actions were kept on paper).
    /// </summary>
    public static readonly object[] Imported =
    [
        new { actionId = "OPSG 11/02", raisedOn = "2018-08-28", target = "2019-09-13", owner = "DCC", text = "The DCC to publish its Incident Management process, including DNO incidents, and share it with the OPSG." },
        new { actionId = "OPSG 20/06", raisedOn = "2019-05-07", target = "2019-10-01", owner = "DCC", text = "DCC to confirm how the Power Outage Events performance measures are defined and whether they are reported correctly." },
        new { actionId = "OPSG 23/05", raisedOn = "2019-08-06", target = "2019-10-01", owner = "DCC", text = "The DCC to clarify what Service Provider Performance Measure 2 Code Performance Measure 1 means and how it is reported." },
        new { actionId = "OPSG 23/06", raisedOn = "2019-08-06", target = "2019-10-01", owner = "DCC", text = "DCC to produce a remediation plan for CPM 1, with dates for SLA compliance, including CSP N." },
        new { actionId = "OPSG 23/08", raisedOn = "2019-08-06", target = "2019-10-01", owner = "DCC", text = "DCC to look into the DNO's concerns about the SSI's functionality and bring a solution." },
        new { actionId = "OPSG 23/09", raisedOn = "2019-08-06", target = "2019-10-01", owner = "DNOs/DCC", text = "DCC to list every candidate change to the SSI with its priority." },
        new { actionId = "OPSG 24/02", raisedOn = "2019-09-03", target = "2019-10-01", owner = "DCC", text = "The DCC to analyse the network traffic caused by the power disruption and the reconnections after it." },
        new { actionId = "OPSG 24/05", raisedOn = "2019-09-03", target = "2019-10-01", owner = "DCC", text = "DCC to engage customers, build business scenarios and assess the early risks to capacity." },
        new { actionId = "OPSG 24/06", raisedOn = "2019-09-03", target = "2019-10-01", owner = "DCC", text = "DCC to explain its approach to CSP N scalability." },
        new { actionId = "OPSG 24/08", raisedOn = "2019-09-03", target = "2019-10-01", owner = "DCC/SECAS", text = "DCC and SECAS to establish what the SEC requires of Critical Command forecasts." },
    ];

    /// <summary>Item 3's reviews, after 25/01 and 25/02 were raised under it: two closed in the seed's three ways, the rest re-targeted.</summary>
    public static readonly object[] Reviews =
    [
        new { actionId = "OPSG 11/02", revisedTarget = "N/A", outcome = "superseded", supersededBy = "OPSG 25/01", discussion = "The DCC has added a second triage for DNO incidents; a new action follows how DNO members find it." },
        new { actionId = "OPSG 20/06", revisedTarget = "N/A", outcome = "movedToProject", project = "Operational Metrics Project", discussion = "The DNO member accepted how the measures are defined; the end-to-end process needs more work." },
        new { actionId = "OPSG 23/05", revisedTarget = "2019-11-05", outcome = "open", discussion = "The measure applies to meter firmware upgrades only; the DCC will confirm in writing by November." },
        new { actionId = "OPSG 23/06", revisedTarget = "2019-11-05", outcome = "open", discussion = "Two workshops with the CSPs are planned for the end of October." },
        new { actionId = "OPSG 23/08", revisedTarget = "2019-11-05", outcome = "open", discussion = "The DNO members will finish their list of SSI requirements by the November meeting." },
        new { actionId = "OPSG 23/09", revisedTarget = "2019-11-05", outcome = "open", discussion = "The DCC will list the candidate changes once it has the DNO members' requirements." },
        new { actionId = "OPSG 24/02", revisedTarget = "2019-11-05", outcome = "open", discussion = "Further investigation was agreed; the full report is to come to the OPSG." },
        new { actionId = "OPSG 24/05", revisedTarget = "TBD", outcome = "open", discussion = "The DCC gave its quarterly capacity update; the Chair asked it to engage Users more." },
        new { actionId = "OPSG 24/06", revisedTarget = "N/A", outcome = "transferred", transferredTo = "TABASC", discussion = "The Group agreed this is a technical architecture matter for the TABASC." },
        new { actionId = "OPSG 24/08", revisedTarget = "2019-11-05", outcome = "open", discussion = "No conclusion yet; single-request forecasts continue meanwhile." },
    ];

    /// <summary>What items 16, 17 and 18 AGREED to do to the Issues Log: (item, outcome, change).</summary>
    public static readonly (int Item, int Outcome, object Change)[] IssuesLog =
    [
        (16, 1, new { change = "added", title = "Alerts and aged incidents" }),
        (17, 1, new { change = "added", title = "CH Exceptions" }),
        (18, 3, new { change = "added", title = "Remaining data quality matters", list = "DQISG" }),
    ];
}
