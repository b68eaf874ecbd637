/**
 * The PDCA dashboards: each product's funnel, trend, channels, hand-off quality and scores against its nurturing
 * plan, the company-wide comparison, a chart and a table per panel, CSV export of every table.
 */
package jp.nurture.leads.web.report;
