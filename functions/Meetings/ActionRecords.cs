using Opsg.Functions.Cases;

namespace Opsg.Functions.Meetings;

/// <summary>
/// The records actions across meetings are read from: every meeting, and every readiness case (its actions are its
/// meeting's too), loaded together.
/// </summary>
public sealed class ActionRecords(MeetingStore meetings, CaseStore cases)
{
    public async Task<ActionSources> LoadAsync(CancellationToken cancellationToken)
    {
        var loadingCases = cases.LoadAllAsync(cancellationToken);
        var loadedMeetings = await meetings.LoadAllAsync(cancellationToken);
        return new ActionSources(loadedMeetings, await loadingCases);
    }
}

/// <summary>The meetings and cases as loaded, and the actions they hold.</summary>
public sealed record ActionSources(IReadOnlyList<MeetingState> Meetings, IReadOnlyList<CaseState> Cases)
{
    public ActionsAcrossMeetings Actions => ActionsAcrossMeetings.From(Meetings, Cases);

    /// <summary>With one meeting as it stands now (the one a command is deciding on, or a rendering is of).</summary>
    public ActionsAcrossMeetings With(MeetingState current) => ActionsAcrossMeetings.From(Meetings, current, Cases);
}
