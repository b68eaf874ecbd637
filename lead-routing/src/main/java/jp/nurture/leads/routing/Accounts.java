package jp.nurture.leads.routing;

import java.util.List;
import jp.nurture.leads.core.lead.LeadQueries;
import jp.nurture.leads.core.lead.LeadRow;
import jp.nurture.leads.core.party.Companies;
import jp.nurture.leads.core.party.Company;
import jp.nurture.leads.core.product.ProductScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The company page: every person and product lead at the company, with the hand-offs in flight. */
@Service
@Transactional(readOnly = true)
public class Accounts {

    /** No company by that id. */
    public static class CompanyNotFound extends RuntimeException {
        public CompanyNotFound(long id) {
            super("company " + id + " not found");
        }
    }

    private final Companies companies;
    private final LeadQueries queries;
    private final HandOffs handOffs;
    private final JdbcClient jdbc;

    Accounts(Companies companies, LeadQueries queries, HandOffs handOffs, JdbcClient jdbc) {
        this.companies = companies;
        this.queries = queries;
        this.handOffs = handOffs;
        this.jdbc = jdbc;
    }

    public AccountPicture picture(long companyId, ProductScope scope) {
        Company company = companies.findById(companyId).orElseThrow(() -> new CompanyNotFound(companyId));
        List<Long> leadIds = jdbc.sql("""
                select l.id from lead l join person p on p.id = l.person_id
                where p.company_id = ? and (cast(? as bigint[]) is null or l.product_id = any(?))
                order by p.full_name, l.product_id limit 500""")
                .params(companyId, scope.sqlFilter(), scope.sqlFilter()).query(Long.class).list();
        List<LeadRow> rows = leadIds.stream().map(queries::row).toList();
        List<HandOffView> inFlight = handOffs.latestOf(leadIds).values().stream()
                .filter(h -> h.status().equals("OPEN") || h.status().equals("ACCEPTED")).toList();
        String owner = company.getAccountOwnerId() == null ? null
                : jdbc.sql("select display_name from app_user where id = ?").param(company.getAccountOwnerId())
                        .query(String.class).optional().orElse(null);
        return new AccountPicture(company, owner, rows, inFlight);
    }
}
