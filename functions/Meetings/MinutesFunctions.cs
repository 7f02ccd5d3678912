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
public sealed class MinutesFunctions(MeetingReads reads, ReportFiles files)
{
    [Function("GetMeetingMinutes")]
    [AllowRoles(Roles.Secas, Roles.OpsgMember, Roles.Dcc, Roles.Tag)]
    public Task<IResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "meetings/{meetingId}/minutes/v{version:int}")] HttpRequest request, string meetingId, int version) =>
        reads.ReadAsync(request, meetingId, (state, _) =>
        {
            var minutes = state.Minutes.FirstOrDefault(m => m.Version == version);
            if (minutes is { Final: false } && request.HttpContext.User.ToActor().Role is not (Role.Secas or Role.OpsgMember))
                return Task.FromResult(Problems.From(new Rejection(403, "Draft minutes are for members.", "Draft minutes are read by SECAS and the Operations Group's members; they are shared once approved as final.")));
            return files.ServeAsync(request.HttpContext, minutes?.BlobName, minutes?.Sha256,
                new Rejection(404, "No such minutes.", $"Meeting '{meetingId}' has no minutes version {version}."));
        });
}
