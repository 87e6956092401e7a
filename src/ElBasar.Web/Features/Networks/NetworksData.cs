using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Networks;

public static class NetworksData
{
    extension(ElBasarDbContext db)
    {
        public DbSet<NetworkFacilitator> NetworkFacilitators => db.Set<NetworkFacilitator>();
        public DbSet<Partnership> Partnerships => db.Set<Partnership>();
    }
}
