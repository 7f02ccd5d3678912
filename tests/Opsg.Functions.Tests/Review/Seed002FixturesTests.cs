using System.Text.Json;
using Opsg.Functions.Cases;
using Opsg.Functions.Records;
using Opsg.Functions.Review;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Review;

/// <summary>
/// Seed 002 lives in two fixtures: events (<see cref="Seed002History"/>, which the render, minutes and Panel
/// report tests fold) and request bodies (<see cref="Seed002Review"/>, which the end-to-end test sends through
/// the API). The events must be a history the API could have written, and both must say the same of the
/// meeting: every decision, status, risk outcome and note.
/// </summary>
public sealed class Seed002FixturesTests
{
    private static readonly IReadOnlyList<RecordEvent> Events = Seed002History.All();

    private static CaseState Before(int index) => History.Given(Seed002History.CaseId, [.. Events.Take(index)]);

    [Fact]
    public void GivenSeed002History_WhenEachDecisionAndNoteIsDecidedAgainstTheHistoryBeforeIt_ThenTheApisRulesAcceptItAsRecorded()
    {
        for (var i = 0; i < Events.Count; i++)
        {
            var decision = Events[i] switch
            {
                CriterionDecided or RiskDecided => RecordDecisions.Decide(Before(i), [(CaseEvent)Events[i]]),
                RiskAdded added => AddRisk.Decide(Before(i), added),
                PostMeetingNoteAdded note => PostMeetingNotes.Decide(Before(i), note with { NoteId = "" }),
                _ => null,
            };
            if (decision is null) continue;
            Assert.True(decision.IsAccepted, $"{Events[i]}: {decision.Rejection?.Detail} {string.Join("; ", decision.Rejection?.Errors?.SelectMany(e => e.Value) ?? [])}");
            Assert.Equal(Events[i], Assert.Single(decision.Events));
        }
        if (Events.OfType<TagViewRecorded>().Single() is { } view)
            Assert.Null(TagView.Check(Before(Events.Count), view));
    }

    [Fact]
    public void GivenBothFixtures_ThenTheyRecordTheSameDecisionOnEveryLscAndRisk()
    {
        var body = JsonSerializer.Deserialize<DecisionsRequest>(JsonSerializer.Serialize(Seed002Review.Decisions, RecordJson.Options), RecordJson.Options)!;
        var (sent, rejection) = RecordDecisions.Validate(body);
        Assert.Null(rejection);

        Assert.Equal(Criteria(Events.OfType<CriterionDecided>()), Criteria(sent!.OfType<CriterionDecided>()));
        Assert.Equal(Risks(Events.OfType<RiskDecided>()), Risks(sent!.OfType<RiskDecided>()));
    }

    [Fact]
    public void GivenBothFixtures_ThenTheyAddTheSameNotesInTheSameOrderAndDateTheSameOnes()
    {
        var sent = Seed002Review.PostMeetingNotes
            .Select(n => JsonSerializer.Deserialize<PostMeetingNoteRequest>(JsonSerializer.Serialize(n, RecordJson.Options), RecordJson.Options)!)
            .Select(r => PostMeetingNotes.Validate(r).Event!);
        Assert.Equal(Notes(Seed002History.Notes()), Notes(sent));
    }

    private static List<string> Criteria(IEnumerable<CriterionDecided> decisions) =>
        [.. decisions.OrderBy(d => d.Lsc).Select(d => $"LSC {d.Lsc}: {d.Decision} {d.Rag} risk {d.ConditionRisk} condition {d.Condition is not null} note {d.RagNote is not null}")];

    private static List<string> Risks(IEnumerable<RiskDecided> decisions) =>
        [.. decisions.OrderBy(d => d.Number).Select(d => $"Risk {d.Number}: {d.Decision} {d.ActionId}")];

    private static List<string> Notes(IEnumerable<PostMeetingNoteAdded> notes) =>
        [.. notes.Select(n => $"{n.Effect} {n.ActionId} {n.Lsc} {n.Risk} {n.On}")];
}
