using Opsg.Functions.Cases;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Records;
using Opsg.Functions.Reminders;
using Opsg.Functions.Reports;
using Opsg.Functions.Review;
using Opsg.Functions.Steps;
using Opsg.Functions.Storage;
using Opsg.Functions.Submissions;

namespace Opsg.Functions.Benchmarks;

/// <summary>
/// A long-lived case's history with the mix a real one has: submissions and amendments, renders,
/// LSC and risk decisions, actions with revisions and progress, notes, timers.
/// </summary>
public static class RealisticHistory
{
    private static readonly DateTimeOffset Start = new(2020, 2, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Dcc = new(Role.Dcc, "dcc");
    private static readonly Actor Secas = new(Role.Secas, "secas");

    /// <summary>A long case across several meetings raises dozens of actions, not thousands; updates hit any of them.</summary>
    private const int MaxActions = 60;

    public static List<RecordedEvent> Build(int count)
    {
        var events = new List<RecordedEvent>(count);
        void Add(RecordEvent e, Actor actor) => events.Add(new RecordedEvent(events.Count + 1, e, actor, Start.AddMinutes(events.Count)));

        Add(new CaseOpened("SMETS1 MOC: MDS DMC readiness", Classification.NotForPublication, "OPSG_29xxx", new DateOnly(2020, 2, 28)), Secas);
        var actions = 0;
        for (var i = 0; events.Count < count; i++)
        {
            switch (i % 10)
            {
                case 0:
                    Add(Submission(i), Dcc);
                    Add(new ActivityScheduled(ReportSteps.Render, ReportKinds.ReadinessPack, i / 10 + 1, null), Actor.Engine);
                    Add(new ReportRendered(events.Count, ReportKinds.ReadinessPack, i / 10 + 1, $"c/readiness-pack/v{i / 10 + 1}.html", new string('a', 64), new string('b', 64), events.Count), Actor.Engine);
                    break;
                case 1: Add(new CriterionDecided(i % 9 + 1, CriterionDecision.Accepted, null, null, Rag.Green, null, "Discussed; no concerns."), Secas); break;
                case 2: Add(new RiskDecided(i % 12 + 1, RiskDecision.Accepted, null, "Accepted for the cohort size."), Secas); break;
                case 3 when actions < MaxActions:
                    var id = $"A29-{++actions:D2}";
                    Add(new ActionRaised(id, actions, "Confirm the date of the fix.", "DCC", new DateOnly(2020, 2, 28), new DateOnly(2020, 3, 13)), Secas);
                    Add(new TimerScheduled($"action-{id}-r0", Start.AddDays(40), "ActionDue", id), Actor.Engine);
                    break;
                case 3: Add(new EvidenceAttached($"D{i}", $"evidence-{i}.pdf", EvidenceKind.Pdf, 250_000, new string('c', 64), $"c/D{i}.pdf", [1, 2]), Dcc); break;
                case 4: Add(new ActionProgressNoted($"A29-{i % Math.Max(actions, 1) + 1:D2}", new DateOnly(2020, 3, 1), "Fix scheduled for Core Release 1.1."), Secas); break;
                case 5: Add(new ActionTargetRevised($"A29-{i % Math.Max(actions, 1) + 1:D2}", new DateOnly(2020, 4, 30), "Awaiting the release."), Secas); break;
                case 6: Add(new PostMeetingNoteAdded($"N{i}", NoteEffect.Clarification, null, null, null, new DateOnly(2020, 3, 2), "The DCC confirmed the figures after the meeting."), Secas); break;
                case 7: Add(new TimerFired($"action-A29-{Math.Max(actions, 1):D2}-r0"), Actor.Engine); break;
                case 8:
                    Add(new ActivityScheduled(CaseReminders.SendStep, null, null, "Action reached its target date.", $"action-A29-{Math.Max(actions, 1):D2}-r0"), Actor.Engine);
                    Add(new ActivityCompleted(events.Count, "1 emails"), Actor.Engine);
                    break;
                default: Add(new RiskAdded(100 + i, "Capacity", "No end-to-end capacity test.", "SECAS"), Secas); break;
            }
        }
        return events.Take(count).ToList();
    }

    /// <summary>The same history as the table holds it: what a read deserializes before it folds.</summary>
    public static List<StoredEvent> Stored(IEnumerable<RecordedEvent> events) =>
        events.Select(e => new StoredEvent(e.Sequence, CaseRecord.Events.NameOf(e.Event), CaseRecord.Events.Serialize(e.Event), e.Actor.Role.ToString(), e.Actor.Name, e.Time, null)).ToList();

    private static ReadinessSubmitted Submission(int i) => new(
        new Subject("SMETS1 Middle Operating Capability (MOC)", "Morrisons Data Services (MDS) Elster", "update the Eligible Products Combination List"),
        new Cohort(98218 + i, 43154),
        [1, 2, 3, 6, 7, 8, 9],
        [4, 5],
        [.. new[] { 1, 2, 3, 6, 7, 8, 9 }.Select(lsc => new CriterionStatement(lsc, "Every component is built, tested, deployed and ready for live operation; evidence attached."))],
        [.. new[] { 3, 4, 5, 8, 9, 10 }.Select(n => new RiskStatement(n, $"Risk {n}", "Low impact while volumes stay low; a fix follows.", RiskProposal.Accept))]);
}
