using Azure.Data.Tables;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>The meeting's action counter as the table holds it: the last number handed out, or 0 before the first.</summary>
public static class MeetingCounters
{
    public static async Task<int> LastActionNumberAsync(OpsgApp app, string meetingId)
    {
        var table = app.Service<StorageAccount>().Meetings;
        var found = await table.GetEntityIfExistsAsync<TableEntity>(MeetingTable.PartitionKey(meetingId), "actions");
        return found.HasValue ? found.Value!.GetInt32("LastActionNumber") ?? 0 : 0;
    }
}
