using System.Globalization;
using Opsg.Functions.Meetings;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Records;
using Opsg.Functions.Review;

namespace Opsg.Functions.Benchmarks;

/// <summary>One meeting as built here: its history and the state it folds to.</summary>
public sealed record BuiltMeeting(MeetingState State, IReadOnlyList<RecordedEvent> History);

/// <summary>
/// A long run of monthly meetings, each raising its actions under four items and reviewing the oldest open actions of
/// earlier meetings under item 2: kept open with a revised target, kept open, closed, superseded, transferred or moved
/// into a project. Every event goes through the same decisions the API's commands take, so the actions register
/// sees only what the app could have recorded.
/// </summary>
public static class ManyMeetings
{
    private static readonly Actor Secas = new(Role.Secas, "SECAS");
    private static readonly DateOnly First = new(2019, 1, 8);

    public static IReadOnlyList<BuiltMeeting> Build(int meetings = 100, int actionsEach = 20, int reviewsEach = 25)
    {
        var built = new List<BuiltMeeting>(meetings);
        for (var k = 0; k < meetings; k++)
            built.Add(One(k, actionsEach, reviewsEach, built.Select(b => b.State).ToList()));
        return built;
    }

    /// <summary>The day after the last meeting: the date the register is read on.</summary>
    public static DateOnly After(IReadOnlyList<BuiltMeeting> meetings) => meetings[^1].State.Scheduled!.Date.AddDays(1);

    private static BuiltMeeting One(int k, int actionsEach, int reviewsEach, List<MeetingState> earlier)
    {
        var id = MeetingId(k);
        var held = First.AddDays(28 * k);
        var at = new DateTimeOffset(held.ToDateTime(new TimeOnly(17, 0)), TimeSpan.Zero);
        var state = MeetingState.Empty(id);
        var history = new List<RecordedEvent>();
        void Record(Decision decision)
        {
            if (decision.Rejection is { } refused) throw new InvalidOperationException($"{id}: {refused.Detail}");
            foreach (var e in decision.Events)
            {
                var recorded = new RecordedEvent(history.Count + 1, e, Secas, at);
                history.Add(recorded);
                state = MeetingRecord.Events.Evolve(state, recorded);
            }
        }

        Record(ScheduleMeeting.Decide(state, new MeetingScheduled(id, MeetingKind.Ordinary, held, "10:00", "16:00", "Gemserv, London", true, Classification.Publishable, held.AddDays(28))));
        for (var item = 1; item <= 4; item++)
        {
            var number = item;
            Record(AgendaItems.Decide(state, new AgendaItemAdded(number, $"Item {number}", "SECAS", [new Paragraph(null, "The Group heard the update and asked questions.")], null)));
            var outcome = Outcomes.Validate(new OutcomeRequest("noted", "the update.", ["The figures were as expected."], null, null)).Command!;
            Record(Outcomes.Decide(state, number, outcome));
        }
        for (var n = 1; n <= actionsEach; n++)
        {
            var target = (n % 5) switch
            {
                0 => "TBD",
                1 => "ASAP",
                2 => MeetingId(k + 2),
                _ => held.AddDays(56).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            };
            var command = MeetingActions.Validate(new MeetingActionRequest($"Bring back an update on point {n} of the plan, with the figures for the month.", $"Owner {n % 7}", target)).Command!;
            Record(MeetingActions.Raise(state, 1 + (n - 1) % 4, command, n));
        }

        // One snapshot serves every review here: each reviews a different action, so none depends on another.
        var across = ActionsAcrossMeetings.From(earlier, state);
        var due = across.All.Where(a => a.RaisedAt != id && a.ClosedBefore(held) is null).Take(reviewsEach).ToList();
        for (var i = 0; i < due.Count; i++)
        {
            var revised = held.AddDays(56).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var request = (i % 10) switch
            {
                0 or 3 or 6 => new ActionReviewRequest(due[i].ActionId, "Work continues; a new date was agreed.", revised, "open", null, null, null),
                2 => new ActionReviewRequest(due[i].ActionId, "Work continues.", null, "open", null, null, null),
                5 => new ActionReviewRequest(due[i].ActionId, "Replaced by a wider action.", null, "superseded", ReviewFacts.ActionId(id, 1), null, null),
                7 => new ActionReviewRequest(due[i].ActionId, "Better placed with the TAG.", null, "transferred", null, "TAG", null),
                9 => new ActionReviewRequest(due[i].ActionId, "Part of the migration project now.", null, "movedToProject", null, null, "SMETS1 migration"),
                _ => new ActionReviewRequest(due[i].ActionId, "Done; the Group was content.", null, "closed", null, null, null),
            };
            Record(ActionReviews.Decide(state, 2, ActionReviews.Validate(request).Command!, across));
        }
        return new BuiltMeeting(state, history);
    }

    private static string MeetingId(int k) => $"OPSG_{(k + 1).ToString(CultureInfo.InvariantCulture)}";
}
