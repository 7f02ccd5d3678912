using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Opsg.Functions.Cases;
using Opsg.Functions.Http;
using Opsg.Functions.Records;
using Opsg.Functions.Security;
using Opsg.Functions.Steps;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Meetings;

/// <summary>SECAS minutes a meeting: creates it, records attendance, items, outcomes, actions and notes, and asks for the minutes.</summary>
public sealed class MeetingFunctions(MeetingCommands commands, MeetingReads reads, MeetingStore store, MeetingTable counters, CaseStore cases)
{
    [Function("CreateMeeting")]
    [AllowRoles(Roles.Secas)]
    public Task<IResult> Create([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings")] HttpRequest request, [DurableClient] DurableTaskClient client) =>
        commands.RunJsonAsync<ScheduleMeetingRequest, MeetingScheduled>(request, c => c.MeetingId, client, ScheduleMeeting.Validate, c => RecordCommand<MeetingState>.Deciding(
            s => ScheduleMeeting.Decide(s, c),
            s => new CommandResponse(201, MeetingUrls.Meeting(s.MeetingId), Json(MeetingView.From(s)))));

    [Function("RescheduleMeeting")]
    [AllowRoles(Roles.Secas)]
    public Task<IResult> Reschedule([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "meetings/{meetingId}/schedule")] HttpRequest request, string meetingId, [DurableClient] DurableTaskClient client) =>
        commands.RunJsonAsync<RescheduleMeetingRequest, MeetingRescheduled>(request, meetingId, client, RescheduleMeeting.Validate, c => RecordCommand<MeetingState>.Deciding(
            s => RescheduleMeeting.Decide(s, c),
            s => new CommandResponse(200, null, Json(MeetingView.From(s)))));

    [Function("CancelMeeting")]
    [AllowRoles(Roles.Secas)]
    public Task<IResult> Cancel([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{meetingId}/cancel")] HttpRequest request, string meetingId, [DurableClient] DurableTaskClient client) =>
        commands.RunJsonAsync<CancelMeetingRequest, MeetingCancelled>(request, meetingId, client, CancelMeeting.Validate, c => RecordCommand<MeetingState>.Reading(
            async (_, token) => CancelMeeting.CasesFor(await cases.LoadAllAsync(token), meetingId),
            (s, casesForIt) => CancelMeeting.Decide(s, c, casesForIt),
            (s, _) => new CommandResponse(200, null, Json(MeetingView.From(s)))));

    [Function("ReinstateMeeting")]
    [AllowRoles(Roles.Secas)]
    public Task<IResult> Reinstate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{meetingId}/reinstate")] HttpRequest request, string meetingId, [DurableClient] DurableTaskClient client) =>
        commands.RunJsonAsync<ReinstateMeetingRequest, MeetingReinstated>(request, meetingId, client, ReinstateMeeting.Validate, c => RecordCommand<MeetingState>.Deciding(
            s => ReinstateMeeting.Decide(s, c),
            s => new CommandResponse(200, null, Json(MeetingView.From(s)))));

    [Function("GetMeeting")]
    [AllowRoles(Roles.Secas, Roles.OpsgMember, Roles.Dcc, Roles.Tag)]
    public Task<IResult> Read([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "meetings/{meetingId}")] HttpRequest request, string meetingId) =>
        reads.ReadAsync(request, meetingId, (state, recorded) =>
        {
            ResponseHeaders.CaseJson(request.HttpContext.Response);
            var view = MeetingView.From(state);
            if (QueryValues.IsOn(request, "showHistory")) view = view with { HistoryEvents = HistoryEventView.Of(recorded, store.Kind.Events) };
            return Task.FromResult<IResult>(TypedResults.Json(view, RecordJson.Options));
        });

    [Function("ListMeetings")]
    [AllowRoles(Roles.Secas, Roles.OpsgMember, Roles.Dcc, Roles.Tag)]
    public async Task<IResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "meetings")] HttpRequest request)
    {
        var (from, badFrom) = QueryValues.Date(request, "from");
        var (to, badTo) = QueryValues.Date(request, "to");
        if (MeetingList.Check(from, to, badFrom, badTo) is { } invalid) return Problems.From(invalid);
        var meetings = await store.LoadAllAsync(request.HttpContext.RequestAborted);
        ResponseHeaders.CaseJson(request.HttpContext.Response);
        return TypedResults.Json(MeetingList.From(meetings, from, to), RecordJson.Options);
    }

    /// <summary>Recomputes the meeting's hash chain over its rows as stored: which sequence, if any, was changed or removed behind the app's back.</summary>
    [Function("VerifyMeeting")]
    [AllowRoles(Roles.Secas)]
    public Task<IResult> Verify([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "meetings/{meetingId}/verify")] HttpRequest request, string meetingId) =>
        reads.VerifyAsync(request, meetingId);

    [Function("RecordAttendance")]
    [AllowRoles(Roles.Secas)]
    public Task<IResult> Attendance([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "meetings/{meetingId}/attendance")] HttpRequest request, string meetingId, [DurableClient] DurableTaskClient client) =>
        commands.RunJsonAsync<AttendanceRequest, AttendanceRecorded>(request, meetingId, client, RecordAttendance.Validate, c => Acknowledged(s => RecordAttendance.Decide(s, c)));

    [Function("AddAgendaItem")]
    [AllowRoles(Roles.Secas)]
    public Task<IResult> Item([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{meetingId}/items")] HttpRequest request, string meetingId, [DurableClient] DurableTaskClient client) =>
        commands.RunJsonAsync<AgendaItemRequest, AgendaItemAdded>(request, meetingId, client, AgendaItems.Validate, c => RecordCommand<MeetingState>.Reading(
            async (_, token) => c.CaseId is { } caseId ? await cases.LoadAsync(caseId, token) : null,
            (s, reviewed) => AgendaItems.Decide(s, c, reviewed),
            (s, summary) => Acknowledgement(s, summary, 201, MeetingUrls.Item(s.MeetingId, c.Number))));

    [Function("RecordOutcome")]
    [AllowRoles(Roles.Secas)]
    public Task<IResult> Outcome([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{meetingId}/items/{item:int}/outcomes")] HttpRequest request, string meetingId, int item, [DurableClient] DurableTaskClient client) =>
        commands.RunJsonAsync<OutcomeRequest, OutcomeRequest>(request, meetingId, client, Outcomes.Validate, c => RecordCommand<MeetingState>.Deciding(
            s => Outcomes.Decide(s, item, c),
            (s, summary) => Acknowledgement(s, summary, 201, MeetingUrls.Item(s.MeetingId, item))));

    /// <summary>
    /// The number comes from the meeting's counter (shared with the cases reviewed at it); a request with an
    /// Idempotency-Key reserves under that key, so copies of it sent at once share one number.
    /// </summary>
    [Function("RaiseMeetingAction")]
    [AllowRoles(Roles.Secas)]
    public Task<IResult> Action([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{meetingId}/items/{item:int}/actions")] HttpRequest request, string meetingId, int item, [DurableClient] DurableTaskClient client) =>
        commands.RunJsonAsync<MeetingActionRequest, MeetingActionRequest>(request, meetingId, client, MeetingActions.Validate, c => RecordCommand<MeetingState>.Reserving(
            s => MeetingActions.CanRaise(s, item, c),
            (s, token) => counters.ReserveActionNumberAsync(s.MeetingId, s.MeetingId, ReservationKey(s, request), token),
            (s, number) => MeetingActions.Raise(s, item, c, number),
            s => new CommandResponse(201, MeetingUrls.Item(s.MeetingId, item), Json(s.Actions.Last()))));

    [Function("AddMeetingNote")]
    [AllowRoles(Roles.Secas)]
    public Task<IResult> Note([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{meetingId}/notes")] HttpRequest request, string meetingId, [DurableClient] DurableTaskClient client) =>
        commands.RunJsonAsync<MeetingNoteRequest, MeetingNoteRequest>(request, meetingId, client, MeetingNotes.Validate, c => Acknowledged(s => MeetingNotes.Decide(s, c)));

    /// <summary>The standing item: this meeting approves the previous meeting's draft minutes, which then become final.</summary>
    [Function("ApprovePreviousMinutes")]
    [AllowRoles(Roles.Secas)]
    public async Task<IResult> ApprovePrevious([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{meetingId}/previous-minutes")] HttpRequest request, string meetingId, [DurableClient] DurableTaskClient client)
    {
        var meetings = await store.LoadAllAsync(request.HttpContext.RequestAborted);
        return await commands.RunJsonAsync<PreviousMinutesRequest, PreviousMinutesRequest>(request, meetingId, client, PreviousMinutes.Validate, c => RecordCommand<MeetingState>.Deciding(
            s => PreviousMinutes.Decide(s, meetings.FirstOrDefault(m => m.MeetingId == c.MeetingId) ?? MeetingState.Empty(c.MeetingId!), MeetingState.HeldLastBefore(meetings, s)?.MeetingId, c),
            (s, summary) => Acknowledgement(s, summary, 202, MeetingUrls.Meeting(c.MeetingId!))));
    }

    [Function("RequestMinutes")]
    [AllowRoles(Roles.Secas)]
    public async Task<IResult> RequestMinutes([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{meetingId}/minutes")] HttpRequest request, string meetingId, [DurableClient] DurableTaskClient client) =>
        await commands.RunAsync(request, meetingId, ReadOnlyMemory<byte>.Empty, RecordCommand<MeetingState>.Deciding(
            MinutesRequests.Decide,
            (s, summary) =>
            {
                var version = s.Activities.Values.Count(a => a.Scheduled.Name == MeetingProcess.RenderMinutesStep);
                return Acknowledgement(s, summary, 202, MeetingUrls.Minutes(s.MeetingId, version));
            }), client);

    internal static RecordCommand<MeetingState> Acknowledged(Func<MeetingState, Decision> decide) =>
        RecordCommand<MeetingState>.Deciding(decide, (s, summary) => Acknowledgement(s, summary));

    internal static CommandResponse Acknowledgement(MeetingState s, RecordSummary summary, int status = 200, string? location = null) =>
        new(status, location, Json(new MeetingAcknowledgement(s.MeetingId, s.Version, summary.RuntimeStatus, summary.Stage, MeetingUrls.Meeting(s.MeetingId))));

    /// <summary>One reservation per request: the meeting, when it was created, and the request's Idempotency-Key.</summary>
    private static string? ReservationKey(MeetingState state, HttpRequest request) =>
        RecordCommands<MeetingState>.IdempotencyKeyHash(request) is { } key
            ? RecordCommands<MeetingState>.KeyHash(string.Join('\n', state.MeetingId, state.CreatedTime.UtcTicks, key))
            : null;

    internal static string Json<T>(T value) => JsonSerializer.Serialize(value, RecordJson.Options);
}
