using Opsg.Functions.Cases;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Records;
using Opsg.Functions.Review;
using Opsg.Functions.Submissions;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>A synthetic case far bigger than any real review, for render-time measurements and size tests.</summary>
public static class LargeCaseHistory
{
    public static CaseState State(int lscs = 50, int risks = 100, int actions = 500)
    {
        var date = new DateOnly(2021, 6, 14);
        var opsgScope = Enumerable.Range(1, lscs).Where(n => n % 4 != 0).ToList();
        var tagScope = Enumerable.Range(1, lscs).Where(n => n % 4 == 0).ToList();
        var events = new List<RecordEvent>
        {
            new CaseOpened("Synthetic large readiness review", Classification.Publishable, "OPSG_99", date),
            new ReadinessSubmitted(
                new Subject("Synthetic capability", "Synthetic DMC", "update the list"),
                new Cohort(1_234_567, 89_012),
                opsgScope,
                tagScope,
                Enumerable.Range(1, lscs).Select(n => new CriterionStatement(n, $"Statement for criterion {n}, with enough words to wrap in a table cell.")).ToList(),
                Enumerable.Range(1, risks).Select(n => new RiskStatement(n * 2, $"Risk {n * 2}", $"Explanation of risk {n * 2}.", n % 5 == 0 ? RiskProposal.Remove : RiskProposal.Accept)).ToList()),
            new ReviewOpened("OPSG_99", date, null),
            new MeetingRecorded("OPSG_99", date, "10:00", "16:00", "Online",
                Enumerable.Range(1, 30).Select(n => new Attendee($"Member {n}", (Constituency)(n % 6), n % 6 == 5 ? "DCC" : null, n % 2 == 0, null, n % 7 == 0, null)).ToList(), []),
        };
        events.AddRange(Enumerable.Range(1, actions).Select(n =>
            new ActionRaised($"OPSG 99/{n:00}", n, $"Action {n}: do the thing and report back to the group.", n % 3 == 0 ? "SECAS" : "DCC", date, date.AddDays(30 + n % 60))));
        events.AddRange(Enumerable.Range(1, risks).Select(n =>
            new RiskDecided(n * 2, (RiskDecision)(n % 4), n % 4 == 2 ? $"OPSG 99/{n:00}" : null, $"Discussion of risk {n * 2}.")));
        events.AddRange(opsgScope.Select(n =>
            new CriterionDecided(n, n % 9 == 0 ? CriterionDecision.AcceptedSubjectToCondition : CriterionDecision.Accepted, n % 9 == 0 ? $"condition on criterion {n}" : null, null, (Rag)(n % 3), null, $"Discussion of criterion {n}.")));
        events.Add(new TagViewRecorded(tagScope.Select(n => new TagCriterionView(n, CriterionDecision.Accepted, Rag.Green, $"TAG commentary {n}.")).ToList(), []));
        events.AddRange(Enumerable.Range(1, actions / 2).Select(n =>
            new PostMeetingNoteAdded($"PMN-{n}", NoteEffect.ActionClosed, $"OPSG 99/{n * 2:00}", null, null, date.AddDays(10), $"Action closed after the meeting ({n}).")));
        var recorded = events.Select((e, i) => new RecordedEvent(i + 1, e, new Actor(Role.Secas, "secas"), new DateTimeOffset(2021, 6, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i)));
        return CaseRecord.Fold("large", recorded);
    }
}
