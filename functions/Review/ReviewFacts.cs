using Opsg.Functions.Cases;
using Opsg.Functions.Submissions;

namespace Opsg.Functions.Review;

/// <summary>Questions about a review that several commands and views ask of the state.</summary>
public static class ReviewFacts
{
    /// <summary>Every residual risk number in play: the DCC's (current submission) and those added at review.</summary>
    public static IReadOnlySet<int> RiskNumbers(CaseState state) =>
        (state.Submission?.Risks.Select(r => r.Number) ?? []).Concat(state.AddedRisks.Select(r => r.Number)).ToHashSet();

    /// <summary>"OPSG_29xxx" → "OPSG 29xxx": the meeting as the minutes and the action IDs write it.</summary>
    public static string MeetingName(string meetingId) => meetingId.Replace('_', ' ');

    /// <summary>"OPSG_29xxx" → "OPSG 29xxx/01": the form the minutes use, fixed once assigned.</summary>
    public static string ActionId(string meetingId, int number) =>
        $"{MeetingName(meetingId)}/{number.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)}";

    public static ActionState? Action(CaseState state, string actionId) =>
        state.Actions.FirstOrDefault(a => string.Equals(a.Raised.ActionId, actionId, StringComparison.OrdinalIgnoreCase));
}
