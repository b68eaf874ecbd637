/**
 * Reports: read models and daily rollups behind each product's PDCA dashboard and the company-wide comparison —
 * funnel, trend, channels, hand-off quality, scores — and each product's nurturing plan with its KPI targets.
 */
@NamedInterface("report")
package jp.nurture.leads.core.report;

import org.springframework.modulith.NamedInterface;
