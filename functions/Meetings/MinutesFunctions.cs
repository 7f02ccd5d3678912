using Microsoft.Azure.Functions.Worker;
using Opsg.Functions.Http;
using Opsg.Functions.Records;
using Opsg.Functions.Reports;
using Opsg.Functions.Security;

namespace Opsg.Functions.Meetings;

/// <summary>
/// A version of a meeting's minutes. Drafts are for the Group's members and SECAS; once final, the DCC and the TAG
/// read them too. The Panel reads only what it is sent.
/// </summary>
public sealed class MinutesFunctions(MeetingReads reads, MeetingStore store, ReportFiles files)
{
    /// <summary>What changed between two versions of the minutes, as for a case's documents: the same readers, the same words.</summary>
    [Function("GetMinutesChanges")]
    [AllowRoles(Roles.Secas, Roles.OpsgMember, Roles.Dcc, Roles.Tag)]
    public async Task<IResult> Changes([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "meetings/{meetingId}/minutes/changes")] HttpRequest request, string meetingId)
    {
        var (fromVersion, toVersion, invalid) = ReportChanges.ValidateRange(QueryValues.Single(request, "from"), QueryValues.Single(request, "to"));
        if (invalid is not null) return Problems.From(invalid);
        return await reads.ReadAsync(request, meetingId, (state, history) =>
        {
            var (older, newer) = (state.Minutes.FirstOrDefault(m => m.Version == fromVersion), state.Minutes.FirstOrDefault(m => m.Version == toVersion));
            if (older is null || newer is null)
                return Task.FromResult(Problems.From(NoSuchMinutes(meetingId, older is null ? fromVersion : toVersion)));
            if ((!older.Final || !newer.Final) && request.HttpContext.User.ToActor().Role is not (Role.Secas or Role.OpsgMember))
                return Task.FromResult(Problems.From(DraftsForMembers));
            MeetingState AsRendered(MinutesRendered m) => store.Kind.Fold(meetingId, history.TakeWhile(e => e.Sequence <= m.Scheduled));
            ResponseHeaders.CaseJson(request.HttpContext.Response);
            return Task.FromResult<IResult>(TypedResults.Json(new MinutesChangesView(meetingId, fromVersion, toVersion, MeetingUrls.Minutes(meetingId, fromVersion),
                MeetingUrls.Minutes(meetingId, toVersion), MinutesChanges.Between(AsRendered(older), AsRendered(newer))), RecordJson.Options));
        });
    }

    private static readonly Rejection DraftsForMembers =
        new(403, "Draft minutes are for members.", "Draft minutes are read by SECAS and the Operations Group's members; they are shared once approved as final.");

    private static Rejection NoSuchMinutes(string meetingId, int version) => new(404, "No such minutes.", $"Meeting '{meetingId}' has no minutes version {version}.");


    [Function("GetMeetingMinutes")]
    [AllowRoles(Roles.Secas, Roles.OpsgMember, Roles.Dcc, Roles.Tag)]
    public Task<IResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "meetings/{meetingId}/minutes/v{version:int}")] HttpRequest request, string meetingId, int version) =>
        reads.ReadAsync(request, meetingId, (state, _) =>
        {
            var minutes = state.Minutes.FirstOrDefault(m => m.Version == version);
            if (minutes is { Final: false } && request.HttpContext.User.ToActor().Role is not (Role.Secas or Role.OpsgMember))
                return Task.FromResult(Problems.From(DraftsForMembers));
            return files.ServeAsync(request.HttpContext, minutes?.BlobName, minutes?.Sha256,
                NoSuchMinutes(meetingId, version));
        });
}

/// <summary>The changes between two versions of a meeting's minutes, with where each version is.</summary>
public sealed record MinutesChangesView(string MeetingId, int From, int To, string FromUrl, string ToUrl, IReadOnlyList<ReportChange> Changes);
