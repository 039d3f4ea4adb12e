"""The built-in rule catalogue (RULES.md), one module a rule.

Registered through the ``auditor_register_rules`` hook and the ``auditor``
entry-point group, exactly like a third-party rule package.
"""
from __future__ import annotations

from typing import List

from auditor.hookspecs import hookimpl

from .bud001_contract_above_budget import ContractAboveBudget
from .bud002_final_above_budget import FinalAboveBudget
from .bud003_final_contract_mismatch import FinalContractMismatch
from .bud004_project_missing_from_section import ProjectMissingFromSection
from .bud005_cost_indicator_above_budget import CostIndicatorAboveBudget
from .bud006_fund_sources_mismatch import FundSourcesMismatch
from .bud007_contract_dates_invalid import ContractDatesInvalid
from .doc001_credit_code_invalid import CreditCodeInvalid
from .doc002_project_code_year import ProjectCodeYear
from .doc003_dates_inconsistent import DatesInconsistent
from .doc004_deadline_passed import DeadlinePassed
from .ind001_missing_satisfaction import MissingSatisfaction
from .ind002_missing_first_level import MissingFirstLevel
from .ind003_satisfaction_too_low import SatisfactionTooLow
from .ind004_duplicate_indicator import DuplicateIndicator
from .ind005_misfiled_indicator import MisfiledIndicator
from .gps001_contract_term_long import ContractTermLong
from .gps002_price_equals_budget import PriceEqualsBudget
from .gps003_contractor_concentration import ContractorConcentration
from .gps004_excluded_purchase import ExcludedPurchase
from .parse import RowMisaligned, TableUnrecognised, Unreadable
from .plan001_percent_given_as_amount import PercentGivenAsAmount
from .plan002_plan_decreasing import PlanDecreasing
from .plan003_plan_incomplete import PlanIncomplete
from .plan004_plan_missing import PlanMissing
from .se001_fund_rows_sum import FundRowsSum
from .se002_execution_rate import ExecutionRate
from .se003_weights_total import WeightsTotal
from .se004_score_above_weight import ScoreAboveWeight
from .se005_score_without_actual import ScoreWithoutActual
from .se006_qualitative_actual import QualitativeActual
from .se007_missed_without_reason import MissedWithoutReason
from .se008_total_score import TotalScore
from .se009_full_score_on_miss import FullScoreOnMiss
from .val001_zero_value_target import ZeroValueTarget
from .val002_rate_with_count_unit import RateWithCountUnit
from .val003_fraction_as_percent import FractionAsPercent
from .val004_percent_out_of_range import PercentOutOfRange
from .val005_cost_not_money import CostNotMoney
from .val006_cost_lower_bound import CostLowerBound
from .val007_missing_value import MissingValue
from .val008_qualitative_quantity import QualitativeQuantity
from .val009_unit_missing import UnitMissing

BUILTIN_RULES: List[type] = [
    ContractAboveBudget, FinalAboveBudget, FinalContractMismatch, ProjectMissingFromSection,
    CostIndicatorAboveBudget, FundSourcesMismatch, ContractDatesInvalid,
    PercentGivenAsAmount, PlanDecreasing, PlanIncomplete, PlanMissing,
    ZeroValueTarget, RateWithCountUnit, FractionAsPercent, PercentOutOfRange, CostNotMoney,
    CostLowerBound, MissingValue, QualitativeQuantity, UnitMissing,
    MissingSatisfaction, MissingFirstLevel, SatisfactionTooLow, DuplicateIndicator, MisfiledIndicator,
    CreditCodeInvalid, ProjectCodeYear, DatesInconsistent, DeadlinePassed,
    Unreadable, TableUnrecognised, RowMisaligned,
    FundRowsSum, ExecutionRate, WeightsTotal, ScoreAboveWeight, ScoreWithoutActual, QualitativeActual,
    MissedWithoutReason, TotalScore, FullScoreOnMiss,
    ContractTermLong, PriceEqualsBudget, ContractorConcentration, ExcludedPurchase,
]


@hookimpl
def auditor_register_rules() -> List[type]:
    return list(BUILTIN_RULES)
