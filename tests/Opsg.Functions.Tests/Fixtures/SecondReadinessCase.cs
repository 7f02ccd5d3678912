namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// A readiness case unlike seed 002, as request bodies: a publishable review of a Final Operating
/// Capability DMC at the extraordinary meeting OPSG_31xxx (14 April 2020). The TAG accepts both testing
/// LSCs subject to conditions, one on a stated condition and one on the provisions of residual risk 5;
/// the OPSG accepts everything but LSC 9 outright. Not from a seed: plausible figures, our wording.
/// </summary>
public static class SecondReadinessCase
{
    public const string MeetingId = "OPSG_31xxx";
    public const string Ask = "add the Itron dual-fuel DMC to the Eligible Products Combination List";

    public static readonly int[] OpsgScope = [1, 2, 3, 6, 7, 8, 9];
    public static readonly int[] TagScope = [4, 5];

    public static object OpenCase => new
    {
        title = "SMETS1 FOC: Itron dual-fuel DMC readiness",
        classification = "publishable",
        meetingId = MeetingId,
        meetingDate = "2020-04-14",
        catalogue = "smets1-migration",
    };

    /// <summary>The statement with LSC 10 (security testing) in the TAG's scope: SMETS1 migration has no LSC 10.</summary>
    public static object SubmissionCitingLsc10 => Submission([.. TagScope, 10]);

    public static object Submission() => Submission(TagScope);

    private static object Submission(int[] tagScope) => new
    {
        subject = new
        {
            capability = "SMETS1 Final Operating Capability (FOC)",
            deviceModelCombination = "Itron dual-fuel (FOC cohort 2)",
            panelAsk = Ask,
        },
        cohort = new { activeInstallations = 61407, dormantInstallations = 12880 },
        opsgScope = OpsgScope,
        tagScope,
        criteria = OpsgScope.Concat(tagScope).Select(lsc => new { lsc, statement = $"The DCC's readiness statement for LSC {lsc} of the FOC cohort." }).ToArray(),
        risks = new object[]
        {
            new { number = 3, title = "No end-to-end capacity testing", explanation = "The cohort is smaller than MOC's; capacity was shown in live migration.", proposal = "accept" },
            new { number = 5, title = "Negative testing incomplete", explanation = "Eleven negative test cases remain; low impact at the planned pace.", proposal = "accept" },
            new { number = 9, title = "Temporary use of IPsec", explanation = "Outages of seconds until the fixed links are in.", proposal = "accept" },
        },
    };

    public static object OpenReview => new { meetingDate = "2020-04-14", reportDueDate = "2020-04-21" };

    public static object Meeting => new
    {
        date = "2020-04-14",
        startTime = "10:00",
        endTime = "11:30",
        venue = "Teleconference",
        attendees = new object[]
        {
            new { name = "Dave Warner", constituency = "operationsGroupChair", teleconference = true },
            new { name = "Gemma Slaney", constituency = "networkParty", teleconference = true },
            new { name = "Robin Healey", constituency = "otherParticipant", organisation = "TAG", teleconference = true },
            new { name = "Veronica Asantewaa", constituency = "otherParticipant", organisation = "SECAS", teleconference = true, role = "Meeting Secretary" },
        },
    };

    public static object NegativeTestingAction => new { text = "Complete the remaining negative test cases and report them to the TAG.", owner = "DCC", targetDate = "2020-04-28" };

    public static object Decisions(string negativeTestingAction) => new
    {
        criteria = new object[]
        {
            new { lsc = 1, decision = "accepted", rag = "green" },
            new { lsc = 2, decision = "accepted", rag = "green" },
            new { lsc = 3, decision = "accepted", rag = "green" },
            new { lsc = 6, decision = "accepted", rag = "amber", ragNote = "This AMBER should not affect the recommendation to go live." },
            new { lsc = 7, decision = "accepted", rag = "green" },
            new { lsc = 8, decision = "accepted", rag = "green" },
            new { lsc = 9, decision = "acceptedSubjectToCondition", condition = "The BCDR plan is retested with the FOC cohort in scope.", rag = "amber" },
        },
        risks = new object[]
        {
            new { number = 3, decision = "accepted" },
            new { number = 5, decision = "acceptedSubjectToAction", actionId = negativeTestingAction },
            new { number = 9, decision = "accepted" },
        },
    };

    /// <summary>The TAG's view: LSC 4 rests on risk 5's provisions, LSC 5 on the TAG's own condition.</summary>
    public static object TagView(string lsc5Decision = "acceptedSubjectToCondition") => new
    {
        criteria = new object[]
        {
            new { lsc = 4, decision = "acceptedSubjectToCondition", conditionRisk = 5, rag = "amber", commentary = "Testing is complete apart from the negative cases under risk 5." },
            lsc5Decision == "acceptedSubjectToCondition"
                ? new { lsc = 5, decision = lsc5Decision, condition = (string?)"TAG members approve the test exit report.", rag = "amber", commentary = "Two defects are open, with workarounds." }
                : new { lsc = 5, decision = lsc5Decision, condition = (string?)null, rag = "red", commentary = "The test exit report leaves a severity 2 defect without a workaround." },
        },
        risks = new object[] { new { number = 5, view = "Acceptable once the remaining negative cases are run." } },
    };

    /// <summary>The note that discharges risk 5's caveat, and with it the TAG's condition on LSC 4; it names no LSC.</summary>
    public static object Risk5Discharged => new { effect = "conditionDischarged", risk = 5, on = "2020-04-20", text = "The remaining negative test cases passed; the caveat on risk 5 is removed." };
}
