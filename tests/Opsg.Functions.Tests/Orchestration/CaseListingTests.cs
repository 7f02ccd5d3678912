using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Orchestration;

/// <summary>
/// Listing cases as Durable lists instances: filters and continuation-token paging, over header rows only.
/// The cases are opened once for the class; its tests only list them.
/// </summary>
public sealed class CaseListingTests(CaseListingTests.App fixture) : IClassFixture<CaseListingTests.App>
{
    public sealed class App : OpsgAppFixture
    {
        private static readonly DateTimeOffset Start = new(2019, 1, 1, 0, 0, 0, TimeSpan.Zero);
        private readonly ManualClock _clock = new(Start);

        private readonly List<string> _ids = [];

        public IReadOnlyList<string> Ids => _ids;

        protected override Action<IServiceCollection> TestServices => _clock.Install;

        /// <summary>Five cases an hour apart: 1 and 3 have submissions (Running), 4 is terminated, 0 and 2 are Pending.</summary>
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var secas = App.ClientAs("Secas");
            for (var i = 0; i < 5; i++)
            {
                _clock.SetTo(Start.AddHours(i));
                _ids.Add(await secas.OpenCaseAsync());
            }
            foreach (var i in new[] { 1, 3 }) await App.ClientAs("Dcc").PostJson($"/api/cases/{Ids[i]}/submissions", Seed002.Submission);
            await secas.PostAsync($"/api/cases/{Ids[4]}/terminate", null);
        }
    }

    private readonly IReadOnlyList<string> _ids = fixture.Ids;
    private readonly HttpClient _secas = fixture.App.ClientAs("Secas");

    [Fact]
    public async Task GivenACreatedTimeWindow_ThenOnlyCasesCreatedInIt()
    {
        var page = await ListAsync("createdTimeFrom=2019-01-01T01:00:00Z&createdTimeTo=2019-01-01T03:00:00Z");
        Assert.Equal(new[] { _ids[1], _ids[2], _ids[3] }.Order(), page.Ids.Order());
    }

    [Fact]
    public async Task GivenRuntimeStatuses_ThenOnlyCasesInThem()
    {
        Assert.Equal(new[] { _ids[1], _ids[3] }.Order(), (await ListAsync("runtimeStatus=Running")).Ids.Order());
        Assert.Equal([_ids[4]], (await ListAsync("runtimeStatus=Terminated")).Ids);
        Assert.Equal(new[] { _ids[0], _ids[2], _ids[4] }.Order(), (await ListAsync("runtimeStatus=Pending,Terminated")).Ids.Order());
        Assert.Equal(HttpStatusCode.BadRequest, (await _secas.GetAsync("/api/cases?runtimeStatus=Sleeping")).StatusCode);
    }

    [Fact]
    public async Task GivenAnInstanceIdPrefix_ThenOnlyIdsStartingWithIt()
    {
        var prefix = _ids[0][..2];
        Assert.Equal(_ids.Where(id => id.StartsWith(prefix, StringComparison.Ordinal)).Order(), (await ListAsync($"instanceIdPrefix={prefix}")).Ids.Order());
    }

    [Fact]
    public async Task GivenAStatusNamedMoreThanOnce_ThenEachCaseOnce() =>
        Assert.Equal(new[] { _ids[1], _ids[3] }.Order(), (await ListAsync("runtimeStatus=Running,Running,Running")).Ids.Order());

    public static TheoryData<string, string> LongFilters() => new()
    {
        // Under the 8 KiB query limit, but storage refused the filter they made (431) and the answer was a 500.
        { "runtimeStatus=" + string.Concat(Enumerable.Repeat("Running,", 400)), "runtimeStatus" },
        { "runtimeStatus=Pending,Running,Completed,Failed,Terminated,Suspended,Running", "runtimeStatus" },
        { "instanceIdPrefix=" + new string('a', 8_000), "instanceIdPrefix" },
        { "instanceIdPrefix=" + new string('a', 33), "instanceIdPrefix" },
    };

    [Theory]
    [MemberData(nameof(LongFilters))]
    public async Task GivenAFilterLongerThanAnyCaseNeeds_ThenBadRequestNamingIt(string query, string field) =>
        await (await _secas.GetAsync("/api/cases?" + query)).ProblemAsync(HttpStatusCode.BadRequest, field);

    [Fact]
    public async Task GivenACaseIdLongerThanAnyCaseHas_WhenRead_ThenNotFound() =>
        await (await _secas.GetAsync("/api/cases/" + new string('a', 8_000))).ProblemAsync(HttpStatusCode.NotFound);

    [Fact]
    public async Task GivenTop2_WhenFollowingContinuationTokens_ThenEveryCaseOnceInPagesOfAtMostTwo()
    {
        var seen = new List<string>();
        string? token = null;
        for (var pages = 0; pages < 10; pages++)
        {
            var page = await ListAsync("top=2", token);
            Assert.True(page.Ids.Count <= 2);
            seen.AddRange(page.Ids);
            token = page.Token;
            if (token is null) break;
        }
        Assert.Null(token);
        Assert.Equal(_ids.Order(), seen.Order());
    }

    private async Task<(List<string> Ids, string? Token)> ListAsync(string query, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/cases?" + query);
        if (token is not null) request.Headers.Add("x-ms-continuation-token", token);
        var response = await _secas.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ids = (await response.Json_()).AsArray().Select(c => c!["instanceId"]!.GetValue<string>()).ToList();
        return (ids, response.Headers.TryGetValues("x-ms-continuation-token", out var next) ? next.Single() : null);
    }
}
