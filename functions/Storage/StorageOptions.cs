namespace Opsg.Functions.Storage;

/// <summary>
/// Where the app keeps its tables, queues and containers. A name prefix lets tests run side by side
/// on one emulator without seeing each other's data.
/// </summary>
public sealed class StorageOptions
{
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>Letters and digits only; empty in production.</summary>
    public string NamePrefix { get; set; } = "";

    public string HistoryTable => NamePrefix + "OpsgHistory";
    public string TimersTable => NamePrefix + "OpsgTimers";
    public string LinksTable => NamePrefix + "OpsgLinks";
    public string MeetingsTable => NamePrefix + "OpsgMeetings";
    public string ActivityQueue => Lower("opsg-activities");
    public string PoisonQueue => Lower("opsg-activities-poison");
    public string ReportsContainer => Lower("reports");
    public string EvidenceContainer => Lower("evidence");
    public string PayloadsContainer => Lower("payloads");
    public string NotificationsContainer => Lower("notifications");

    private string Lower(string name) =>
        NamePrefix.Length == 0 ? name : $"{NamePrefix.ToLowerInvariant()}-{name}";
}
