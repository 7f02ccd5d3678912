namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// Request bodies for the extraordinary OPSG meeting that reviewed the SMETS1 MOC migration of the
/// MDS Device Model Combination (facts from seed 002; wording our own).
/// </summary>
public static class Seed002
{
    public const string MeetingId = "OPSG_29xxx";

    public static object OpenCase => OpenCaseAt(MeetingId);

    /// <summary>The same case reviewed at another meeting (its actions are numbered by that meeting).</summary>
    public static object OpenCaseAt(string meetingId) => new
    {
        title = "SMETS1 MOC: Morrisons Data Services DMC readiness",
        classification = "notForPublication",
        meetingId,
        meetingDate = "2020-02-28",
    };

    public static readonly int[] OpsgScope = [1, 2, 3, 6, 7, 8, 9];
    public static readonly int[] TagScope = [4, 5];
    public static readonly int[] RiskNumbers = [3, 4, 5, 8, 9, 10];

    public static object Submission => new
    {
        subject = new
        {
            capability = "SMETS1 Middle Operating Capability (MOC)",
            deviceModelCombination = "Morrisons Data Services (MDS) Elster",
            panelAsk = "update the Eligible Products Combination List with the MDS DMC",
        },
        cohort = new { activeInstallations = 98218, dormantInstallations = 43154 },
        opsgScope = OpsgScope,
        tagScope = TagScope,
        criteria = new object[]
        {
            new { lsc = 1, statement = "Every MOC migration component is built, tested, deployed and ready for live operation." },
            new { lsc = 2, statement = "The service desk and incident processes cover the CSP Central and South estate." },
            new { lsc = 3, statement = "More than 10,000 installations were migrated in a single day after the daily cap was raised." },
            new { lsc = 6, statement = "February saw three service-affecting incidents, none caused by SMETS1." },
            new { lsc = 7, statement = "Lessons from IOC and FOC are recorded and applied." },
            new { lsc = 8, statement = "Failed migrations are rare and monitored daily." },
            new { lsc = 9, statement = "A revised BCDR plan covering MDS and Telefonica will be published." },
            new { lsc = 4, statement = "Testing evidence is with the TAG." },
        },
        risks = new object[]
        {
            new { number = 3, title = "No end-to-end capacity testing", explanation = "Low residual risk given the small cohort.", proposal = "accept" },
            new { number = 4, title = "Capacity testing only on the DUIS 3 interface", explanation = "All migrations so far used DUIS 3 with no harm to DUIS 1 or 2.", proposal = "remove" },
            new { number = 5, title = "Negative testing incomplete", explanation = "Low impact while volumes stay low.", proposal = "acceptAndRemove" },
            new { number = 8, title = "Migrating active meters could affect consumers", explanation = "Failures are around 0.1%, with one unrecoverable meter under investigation.", proposal = "accept" },
            new { number = 9, title = "Temporary use of IPsec", explanation = "Outages last seconds until MPLS fixed links arrive in June 2020.", proposal = "accept" },
            new { number = 10, title = "Auxiliary load capability", explanation = "A fix follows in Core Release 1.1.", proposal = "accept" },
        },
    };
}
