using Opsg.Functions.Cases;
using Opsg.Functions.Panel;
using Opsg.Functions.Review;

namespace Opsg.Functions.Reports;

/// <summary>
/// One condition as the Panel reads it: which LSC, which body set it ("LSC 7 (TAG)"), and whether a
/// post-meeting note has discharged it since, with that note.
/// </summary>
public sealed record ConditionLine(int Lsc, string SetBy, string BodyKey, string Label, string Condition, bool Discharged, string DischargeNote, bool HasDischargeNote)
{
    public static ConditionLine From(CriterionCondition c)
    {
        var setBy = PanelRecommendation.BodyName(c.SetBy);
        var note = c.DischargedBy switch
        {
            null => "",
            { } n when c.DischargedThroughRisk => $"Discharged with the caveat of Residual Risk {c.ConditionRisk}: {n.Text}",
            { } n => n.Text,
        };
        return new ConditionLine(c.Lsc, setBy, setBy.ToLowerInvariant(), $"LSC {c.Lsc} ({setBy})", ReportRows.ConditionText(c), c.Discharged, note, note.Length > 0);
    }
}

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
        var atMeeting = PanelRecommendation.For(state.WithoutNotes);
        var conditions = now.Conditions.Select(ConditionLine.From).ToList();
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
