using Opsg.Functions.Cases;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Records;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>Folds events into a case state for pure tests: sequence from 1, a day apart, SECAS acting.</summary>
public static class History
{
    public static readonly DateTimeOffset Start = new(2020, 2, 10, 9, 0, 0, TimeSpan.Zero);

    public static CaseState Given(params RecordEvent[] events) => Given("case-1", events);

    public static CaseState Given(string caseId, params RecordEvent[] events) =>
        CaseRecord.Fold(caseId, events.Select((e, i) => new RecordedEvent(i + 1, e, new Actor(Role.Secas, "secas"), Start.AddDays(i))));
}
