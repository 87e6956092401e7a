using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Federation;

public static class FederationData
{
    extension(ElBasarDbContext db)
    {
        public DbSet<PartnerKey> PartnerKeys => db.Set<PartnerKey>();
        public DbSet<PartnerInstallation> PartnerInstallations => db.Set<PartnerInstallation>();
        public DbSet<RemoteListing> RemoteListings => db.Set<RemoteListing>();
    }
}
