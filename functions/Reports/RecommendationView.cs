using Opsg.Functions.Cases;
using Opsg.Functions.Panel;

namespace Opsg.Functions.Reports;

public sealed record ConditionLine(int Lsc, string Condition, bool Discharged, string DischargeNote, bool HasDischargeNote);

/// <summary>
/// The recommendation as it stands now and as the meeting agreed it: post-meeting notes can discharge
/// a condition, and the Panel should see both what was agreed and what has changed since. The verdict
/// says in two or three words which way it goes, so "do not proceed" cannot be read as a go-ahead.
/// </summary>
public sealed record RecommendationView(
    string Verdict, string Summary, string OutcomeKey,
    string AgreedVerdict, string AgreedAtMeeting, string AgreedOutcomeKey, bool ChangedSinceMeeting,
    IReadOnlyList<ConditionLine> Conditions, bool HasConditions)
{
    public static RecommendationView For(CaseState state)
    {
        var now = PanelRecommendation.For(state);
        var atMeeting = PanelRecommendation.For(state with { Notes = [] });
        var conditions = now.Conditions.OrderBy(c => c.Lsc)
            .Select(c => new ConditionLine(c.Lsc, c.Condition, c.Discharged, c.DischargeNote ?? "", c.DischargeNote is not null)).ToList();
        return new RecommendationView(
            VerdictOf(now.Outcome), now.Summary, KeyOf(now.Outcome),
            VerdictOf(atMeeting.Outcome), atMeeting.Summary, KeyOf(atMeeting.Outcome), now.Summary != atMeeting.Summary,
            conditions, conditions.Count > 0);
    }

    private static string VerdictOf(RecommendationOutcome o) => o switch
    {
        RecommendationOutcome.Proceed => "Proceed",
        RecommendationOutcome.ProceedSubjectToConditions => "Proceed, subject to conditions",
        RecommendationOutcome.DoNotProceed => "Do not proceed",
        _ => "No recommendation yet",
    };

    private static string KeyOf(RecommendationOutcome o) => o switch
    {
        RecommendationOutcome.Proceed => "proceed",
        RecommendationOutcome.ProceedSubjectToConditions => "proceed-subject-to-conditions",
        RecommendationOutcome.DoNotProceed => "do-not-proceed",
        _ => "undetermined",
    };
}
