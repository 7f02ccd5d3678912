using Microsoft.WindowsAzure.Storage.Table;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>The meeting's action counter as the table holds it: the last number handed out, or 0 before the first.</summary>
public static class MeetingCounters
{
    public static async Task<int> LastActionNumberAsync(OpsgApp app, string meetingId)
    {
        var table = app.Service<StorageAccount>().Meetings;
        var found = await table.ExecuteAsync(TableOperation.Retrieve(MeetingTable.PartitionKey(meetingId), "actions"));
        return found.Result is DynamicTableEntity row ? row.Properties["LastActionNumber"].Int32Value ?? 0 : 0;
    }
}
