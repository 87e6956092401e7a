using Microsoft.Playwright;

namespace ElBasar.BrowserTests.Support;

/// <summary>
/// One headless Chromium for every browser test: Debian's own build, since a test tool's download
/// of its own browser is impossible here (so never <c>playwright install</c>).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    const string Chromium = "/usr/bin/chromium";

    // Without the background-networking flags Chromium keeps calling Google's hosts, which this
    // closed network refuses, slowing every start.
    static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    IPlaywright? _playwright;
    IBrowser? _browser;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>
    /// A fresh, French-speaking browser context on <paramref name="site"/>, so that pages can be
    /// opened by path. Content-Security-Policy is bypassed only so that <see cref="AxeCheck"/> can
    /// inject axe-core, which the site's strict policy would rightly refuse. With
    /// <paramref name="storageState"/> (from <see cref="IBrowserContext.StorageStateAsync"/>), it starts
    /// with that context's cookies: signed in, without posting the sign-in form again.
    /// </summary>
    public Task<IBrowserContext> NewContextAsync(SiteFixture site, ViewportSize? viewport = null, string? storageState = null) =>
        _browser!.NewContextAsync(new()
        {
            BaseURL = site.BaseAddress.ToString(),
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
            BypassCSP = true,
            StorageState = storageState,
        });

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>Browser tests share one Chromium, so their classes run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
