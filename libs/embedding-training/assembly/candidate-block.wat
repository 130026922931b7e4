;; The candidate block of hardest-of-W negatives (see src/negatives/candidate-block.ts): each thread keeps
;; B uniform item rows copied contiguously into its own region of the table memory, and a pick scores a
;; slice of W consecutive entries against the user row. Scoring random rows of a table larger than the
;; caches waits ~100 ns per row on memory; contiguous rows from cache cost a few ns, so the copy (one
;; random row read per entry, amortised over every pick that scores the entry) is what makes W = 128
;; candidates per pair affordable. The copies are int8 (one byte per coordinate, scaled per row to its
;; largest |value|, rows padded to `stride` bytes, a multiple of 16): a 64-dim row is one cache line, so
;; 16,384 entries take 1 MiB, and 16 coordinates are one i8x16 load scored against the user row quantised
;; to i16 (i32x4.dot_i16x8_s). The ranking only picks the candidate: the loss and the gradients read the
;; live f32 rows. Addresses are bytes in the imported memory; `offsets` holds i32 row offsets in floats
;; (row · dim), as the TypeScript side addresses rows.
(module
  ;; The tables' shared memory (the same module serves every worker thread).
  (import "env" "memory" (memory 1 65536 shared))

  ;; Copies `count` rows of `table` (at offsets[r]) as int8 to consecutive rows at `dst` (`stride` bytes
  ;; each, zero-padded), writes each row's exact squared norm to norms[r] and its quantisation step
  ;; (max |x| / 127: x ≈ step · q) to steps[r]. A first pass loads one value per cache line of every source
  ;; row and destination line: a few instructions per line, so dozens of the random rows' misses are in
  ;; flight at once (the copy itself would fill the reorder buffer after two or three rows and wait on each
  ;; row's misses in turn); the copy then hits the cache.
  (func (export "copyRows")
    (param $table i32) (param $offsets i32) (param $count i32) (param $dim i32) (param $dst i32)
    (param $stride i32) (param $norms i32) (param $steps i32)
    (local $src i32) (local $k i32) (local $x v128) (local $sum v128) (local $top v128)
    (local $squared f32) (local $max f32) (local $e f32) (local $inv f32) (local $invs v128)
    (local $r i32) (local $line i32) (local $end i32) (local $touch i32) (local $magic v128)
    ;; Rounding to the nearest integer (ties to even, as f32x4.nearest) by adding 1.5 · 2^23: for
    ;; |v| <= 2^22 the sum's low mantissa bits are round(v), so (v + M) - M taken as i32 bits is round(v)
    ;; as an integer (two instructions instead of nearest + trunc_sat's eight; rows are finite).
    (local.set $magic (f32x4.splat (f32.const 12582912)))
    (local.set $end (i32.shl (local.get $dim) (i32.const 2)))
    (block $touched
      (loop $touchRow
        (br_if $touched (i32.ge_u (local.get $r) (local.get $count)))
        (local.set $src (i32.add (local.get $table)
          (i32.shl (i32.load (i32.add (local.get $offsets) (i32.shl (local.get $r) (i32.const 2)))) (i32.const 2))))
        (local.set $line (i32.const 0))
        (loop $touchLine
          (local.set $touch (i32.add (local.get $touch) (i32.load (i32.add (local.get $src) (local.get $line)))))
          (br_if $touchLine (i32.lt_u (local.tee $line (i32.add (local.get $line) (i32.const 64))) (local.get $end))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $touchRow)))
    (local.set $line (i32.const 0))
    (local.set $end (i32.mul (local.get $stride) (local.get $count)))
    (block $touchedDst
      (loop $touchDst
        (br_if $touchedDst (i32.ge_u (local.get $line) (local.get $end)))
        (local.set $touch (i32.add (local.get $touch) (i32.load8_u (i32.add (local.get $dst) (local.get $line)))))
        (local.set $line (i32.add (local.get $line) (i32.const 64)))
        (br $touchDst)))
    ;; The touched values feed nothing; storing their sum (over the first norm, written again below) keeps
    ;; the loads from being dropped.
    (i32.store (local.get $norms) (local.get $touch))
    (block $done
      (loop $nextRow
        (br_if $done (i32.eqz (local.get $count)))
        (local.set $src (i32.add (local.get $table) (i32.shl (i32.load (local.get $offsets)) (i32.const 2))))
        ;; The row's squared norm and largest |x|.
        (local.set $sum (v128.const i32x4 0 0 0 0))
        (local.set $top (v128.const i32x4 0 0 0 0))
        (local.set $squared (f32.const 0))
        (local.set $max (f32.const 0))
        (local.set $k (i32.const 0))
        (block $last4
          (loop $next4
            (br_if $last4 (i32.gt_u (i32.add (local.get $k) (i32.const 4)) (local.get $dim)))
            (local.set $x (v128.load (i32.add (local.get $src) (i32.shl (local.get $k) (i32.const 2)))))
            (local.set $sum (f32x4.add (local.get $sum) (f32x4.mul (local.get $x) (local.get $x))))
            (local.set $top (f32x4.max (local.get $top) (f32x4.abs (local.get $x))))
            (local.set $k (i32.add (local.get $k) (i32.const 4)))
            (br $next4)))
        (block $last1
          (loop $next1
            (br_if $last1 (i32.ge_u (local.get $k) (local.get $dim)))
            (local.set $e (f32.load (i32.add (local.get $src) (i32.shl (local.get $k) (i32.const 2)))))
            (local.set $squared (f32.add (local.get $squared) (f32.mul (local.get $e) (local.get $e))))
            (local.set $max (f32.max (local.get $max) (f32.abs (local.get $e))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $next1)))
        (local.set $squared (f32.add (local.get $squared) (f32.add
          (f32.add (f32x4.extract_lane 0 (local.get $sum)) (f32x4.extract_lane 1 (local.get $sum)))
          (f32.add (f32x4.extract_lane 2 (local.get $sum)) (f32x4.extract_lane 3 (local.get $sum))))))
        (local.set $max (f32.max (local.get $max) (f32.max
          (f32.max (f32x4.extract_lane 0 (local.get $top)) (f32x4.extract_lane 1 (local.get $top)))
          (f32.max (f32x4.extract_lane 2 (local.get $top)) (f32x4.extract_lane 3 (local.get $top))))))
        (f32.store (local.get $norms) (local.get $squared))
        (f32.store (local.get $steps) (f32.div (local.get $max) (f32.const 127)))
        (local.set $inv (select (f32.div (f32.const 127) (local.get $max)) (f32.const 0)
          (f32.gt (local.get $max) (f32.const 0))))
        (local.set $invs (f32x4.splat (local.get $inv)))
        ;; The int8 copy: 16 coordinates per step while they last, then one at a time, then zero padding.
        (local.set $k (i32.const 0))
        (block $last16
          (loop $next16
            (br_if $last16 (i32.gt_u (i32.add (local.get $k) (i32.const 16)) (local.get $dim)))
            (local.set $line (i32.add (local.get $src) (i32.shl (local.get $k) (i32.const 2))))
            ;; (written out, not calls: Node 20's V8 does not inline WebAssembly functions)
            (v128.store (i32.add (local.get $dst) (local.get $k))
              (i8x16.narrow_i16x8_s
                (i16x8.narrow_i32x4_s
                  (i32x4.sub (f32x4.add (f32x4.mul (v128.load (local.get $line)) (local.get $invs))
                    (local.get $magic)) (local.get $magic))
                  (i32x4.sub (f32x4.add (f32x4.mul (v128.load offset=16 (local.get $line)) (local.get $invs))
                    (local.get $magic)) (local.get $magic)))
                (i16x8.narrow_i32x4_s
                  (i32x4.sub (f32x4.add (f32x4.mul (v128.load offset=32 (local.get $line)) (local.get $invs))
                    (local.get $magic)) (local.get $magic))
                  (i32x4.sub (f32x4.add (f32x4.mul (v128.load offset=48 (local.get $line)) (local.get $invs))
                    (local.get $magic)) (local.get $magic)))))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $next16)))
        (block $lastOne
          (loop $nextOne
            (br_if $lastOne (i32.ge_u (local.get $k) (local.get $stride)))
            (i32.store8 (i32.add (local.get $dst) (local.get $k))
              (if (result i32) (i32.lt_u (local.get $k) (local.get $dim))
                (then (i32.trunc_sat_f32_s (f32.nearest (f32.mul (local.get $inv)
                  (f32.load (i32.add (local.get $src) (i32.shl (local.get $k) (i32.const 2))))))))
                (else (i32.const 0))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $nextOne)))
        (local.set $dst (i32.add (local.get $dst) (local.get $stride)))
        (local.set $offsets (i32.add (local.get $offsets) (i32.const 4)))
        (local.set $norms (i32.add (local.get $norms) (i32.const 4)))
        (local.set $steps (i32.add (local.get $steps) (i32.const 4)))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $nextRow))))

  ;; Closeness of `count` consecutive int8 block rows (from `rows`, `stride` bytes each) to the anchor
  ;; (dim f32 at `anchor`): out[r] = scale[r] · (anchor · row_r) + bias[r] (larger = closer; the block
  ;; stores scale and bias per entry, the row's quantisation step folded into scale, so one sum serves
  ;; every geometry). The anchor is first quantised to i16 at `scratch` (stride i16, zero-padded), with as
  ;; many levels as keep the i32 sums from overflowing. Returns the index of the closest row whose
  ;; closeness is below `below` (+inf for hardest-of-W; the positive's closeness for semi-hard), or -1.
  (func (export "closestRows")
    (param $anchor i32) (param $dim i32) (param $stride i32) (param $rows i32) (param $scale i32)
    (param $bias i32) (param $count i32) (param $out i32) (param $below f32) (param $scratch i32)
    (result i32)
    (local $r i32) (local $k i32) (local $row i32) (local $step f32) (local $v v128) (local $acc0 v128)
    (local $acc1 v128) (local $close f32) (local $best i32) (local $bestClose f32) (local $acc2 v128)
    (local $acc3 v128) (local $low v128) (local $high v128) (local $at i32) (local $steps4 v128)
    (local.set $step (call $quantiseAnchor (local.get $anchor) (local.get $dim) (local.get $stride)
      (local.get $scratch)))
    ;; Four rows at a time while they last: each 16-coordinate step loads the anchor's two i16 vectors
    ;; once for the four rows, and the four rows' sums come out as one i32x4 (a transposing add), so
    ;; their closeness is computed and stored four lanes at once. Integer sums are exact and the lanes
    ;; take the f32 operations of the one-row loop below, so the scores are the same bits.
    (local.set $row (local.get $rows))
    (local.set $r (i32.const 0))
    (local.set $steps4 (f32x4.splat (local.get $step)))
    (block $groupsDone
      (loop $nextGroup
        (br_if $groupsDone (i32.gt_u (i32.add (local.get $r) (i32.const 4)) (local.get $count)))
        (local.set $acc0 (v128.const i32x4 0 0 0 0))
        (local.set $acc1 (v128.const i32x4 0 0 0 0))
        (local.set $acc2 (v128.const i32x4 0 0 0 0))
        (local.set $acc3 (v128.const i32x4 0 0 0 0))
        (local.set $k (i32.const 0))
        (loop $nextStep4
          (local.set $low (v128.load (i32.add (local.get $scratch) (i32.shl (local.get $k) (i32.const 1)))))
          (local.set $high
            (v128.load offset=16 (i32.add (local.get $scratch) (i32.shl (local.get $k) (i32.const 1)))))
          (local.set $at (i32.add (local.get $row) (local.get $k)))
          (local.set $v (v128.load (local.get $at)))
          (local.set $acc0 (i32x4.add (local.get $acc0) (i32x4.add
            (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $v)) (local.get $low))
            (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $v)) (local.get $high)))))
          (local.set $at (i32.add (local.get $at) (local.get $stride)))
          (local.set $v (v128.load (local.get $at)))
          (local.set $acc1 (i32x4.add (local.get $acc1) (i32x4.add
            (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $v)) (local.get $low))
            (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $v)) (local.get $high)))))
          (local.set $at (i32.add (local.get $at) (local.get $stride)))
          (local.set $v (v128.load (local.get $at)))
          (local.set $acc2 (i32x4.add (local.get $acc2) (i32x4.add
            (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $v)) (local.get $low))
            (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $v)) (local.get $high)))))
          (local.set $at (i32.add (local.get $at) (local.get $stride)))
          (local.set $v (v128.load (local.get $at)))
          (local.set $acc3 (i32x4.add (local.get $acc3) (i32x4.add
            (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $v)) (local.get $low))
            (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $v)) (local.get $high)))))
          (br_if $nextStep4 (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 16))) (local.get $stride))))
        ;; [a0+a2, b0+b2, a1+a3, b1+b3] and the same for rows 2-3, then [a, b, c, d].
        (local.set $acc0 (i32x4.add
          (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $acc0) (local.get $acc1))
          (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $acc0) (local.get $acc1))))
        (local.set $acc2 (i32x4.add
          (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $acc2) (local.get $acc3))
          (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $acc2) (local.get $acc3))))
        (local.set $acc0 (i32x4.add
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $acc0) (local.get $acc2))
          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $acc0) (local.get $acc2))))
        (local.set $k (i32.shl (local.get $r) (i32.const 2)))
        (v128.store (i32.add (local.get $out) (local.get $k))
          (f32x4.add
            (f32x4.mul
              (f32x4.mul (v128.load (i32.add (local.get $scale) (local.get $k))) (local.get $steps4))
              (f32x4.convert_i32x4_s (local.get $acc0)))
            (v128.load (i32.add (local.get $bias) (local.get $k)))))
        (local.set $row (i32.add (local.get $row) (i32.shl (local.get $stride) (i32.const 2))))
        (local.set $r (i32.add (local.get $r) (i32.const 4)))
        (br $nextGroup)))
    ;; The rest one row at a time, 16 coordinates per step on two accumulators.
    (block $done
      (loop $nextRow
        (br_if $done (i32.ge_u (local.get $r) (local.get $count)))
        (local.set $acc0 (v128.const i32x4 0 0 0 0))
        (local.set $acc1 (v128.const i32x4 0 0 0 0))
        (local.set $k (i32.const 0))
        (loop $nextStep
          (local.set $v (v128.load (i32.add (local.get $row) (local.get $k))))
          (local.set $acc0 (i32x4.add (local.get $acc0) (i32x4.dot_i16x8_s
            (i16x8.extend_low_i8x16_s (local.get $v))
            (v128.load (i32.add (local.get $scratch) (i32.shl (local.get $k) (i32.const 1)))))))
          (local.set $acc1 (i32x4.add (local.get $acc1) (i32x4.dot_i16x8_s
            (i16x8.extend_high_i8x16_s (local.get $v))
            (v128.load offset=16 (i32.add (local.get $scratch) (i32.shl (local.get $k) (i32.const 1)))))))
          (br_if $nextStep (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 16))) (local.get $stride))))
        (local.set $acc0 (i32x4.add (local.get $acc0) (local.get $acc1)))
        (local.set $k (i32.shl (local.get $r) (i32.const 2)))
        (f32.store (i32.add (local.get $out) (local.get $k))
          (f32.add
            (f32.mul
              (f32.mul (f32.load (i32.add (local.get $scale) (local.get $k))) (local.get $step))
              (f32.convert_i32_s (i32.add
                (i32.add (i32x4.extract_lane 0 (local.get $acc0)) (i32x4.extract_lane 1 (local.get $acc0)))
                (i32.add (i32x4.extract_lane 2 (local.get $acc0)) (i32x4.extract_lane 3 (local.get $acc0))))))
            (f32.load (i32.add (local.get $bias) (local.get $k)))))
        (local.set $row (i32.add (local.get $row) (local.get $stride)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $nextRow)))
    ;; The closest row below the bound: a separate pass over the `count` floats just written (in L1).
    (local.set $best (i32.const -1))
    (local.set $bestClose (f32.const -inf))
    (local.set $r (i32.const 0))
    (block $scanned
      (loop $nextScore
        (br_if $scanned (i32.ge_u (local.get $r) (local.get $count)))
        (local.set $close (f32.load (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 2)))))
        (if (i32.and (f32.lt (local.get $close) (local.get $below))
              (f32.gt (local.get $close) (local.get $bestClose)))
          (then
            (local.set $best (local.get $r))
            (local.set $bestClose (local.get $close))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $nextScore)))
    (local.get $best))

  ;; Closeness of `count` rows of a mirror (one int8 row per item, `stride` bytes each, from `rows`; the
  ;; item's scale and bias at `scale` and `bias`, 4 bytes per item) picked by the i32 item ids at `ids`:
  ;; out[r] = scale[id] · (anchor · row_id) + bias[id], the same sums as `closestRows`, which scores
  ;; consecutive entries. A 64-dim int8 row is one cache line and the whole mirror of a 40,981-item
  ;; catalogue 2.6 MB, so a random row comes from L2 or L3, and four independent rows per step keep
  ;; several of their misses in flight. The anchor is quantised as in `closestRows` ($quantiseAnchor).
  ;; Returns the index r of the closest row below `below`, or -1.
  (func (export "closestGathered")
    (param $anchor i32) (param $dim i32) (param $stride i32) (param $rows i32) (param $scale i32)
    (param $bias i32) (param $ids i32) (param $count i32) (param $out i32) (param $below f32)
    (param $scratch i32) (result i32)
    (local $r i32) (local $k i32) (local $step f32) (local $v v128) (local $acc0 v128) (local $acc1 v128)
    (local $close f32) (local $best i32) (local $bestClose f32) (local $acc2 v128) (local $acc3 v128)
    (local $low v128) (local $high v128) (local $steps4 v128)
    (local $id0 i32) (local $id1 i32) (local $id2 i32) (local $id3 i32)
    (local $row0 i32) (local $row1 i32) (local $row2 i32) (local $row3 i32)
    (local $scales v128) (local $biases v128)
    (local $close4 v128) (local $better v128) (local $below4 v128) (local $lane v128)
    (local $bestCloses v128) (local $bestLanes v128)
    (local.set $step (call $quantiseAnchor (local.get $anchor) (local.get $dim) (local.get $stride)
      (local.get $scratch)))
    ;; A first pass loads one byte of every row: a few instructions per row, so all the rows' misses
    ;; are in flight at once (the scoring loop below fills the reorder buffer after two or three groups
    ;; and would wait on each group's misses in turn); the scoring then hits the cache.
    (local.set $r (i32.const 0))
    (block $touched
      (loop $touch
        (br_if $touched (i32.ge_u (local.get $r) (local.get $count)))
        (local.set $k (i32.add (local.get $k) (i32.load8_u (i32.add (local.get $rows)
          (i32.mul (i32.load (i32.add (local.get $ids) (i32.shl (local.get $r) (i32.const 2))))
            (local.get $stride))))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $touch)))
    ;; The touched bytes feed nothing; storing their sum (over out[0], written again below) keeps the
    ;; loads from being dropped.
    (i32.store (local.get $out) (local.get $k))
    (local.set $steps4 (f32x4.splat (local.get $step)))
    ;; The pick is kept per lane while the groups are scored (lane l sees rows l, l + 4, ...; a row
    ;; replaces its lane's best only when strictly closer, so each lane keeps its earliest best): a few
    ;; vector instructions per group instead of a second, scalar pass over the scores.
    (local.set $below4 (f32x4.splat (local.get $below)))
    (local.set $bestCloses (f32x4.splat (f32.const -inf)))
    (local.set $bestLanes (v128.const i32x4 -1 -1 -1 -1))
    (local.set $lane (v128.const i32x4 0 1 2 3))
    (local.set $r (i32.const 0))
    ;; Four rows at a time while they last (the transposing add of `closestRows`), then one at a time.
    (block $groupsDone
      (loop $nextGroup
        (br_if $groupsDone (i32.gt_u (i32.add (local.get $r) (i32.const 4)) (local.get $count)))
        (local.set $k (i32.add (local.get $ids) (i32.shl (local.get $r) (i32.const 2))))
        (local.set $id0 (i32.shl (i32.load (local.get $k)) (i32.const 2)))
        (local.set $id1 (i32.shl (i32.load offset=4 (local.get $k)) (i32.const 2)))
        (local.set $id2 (i32.shl (i32.load offset=8 (local.get $k)) (i32.const 2)))
        (local.set $id3 (i32.shl (i32.load offset=12 (local.get $k)) (i32.const 2)))
        (local.set $row0 (i32.add (local.get $rows) (i32.mul (local.get $id0) (i32.shr_u (local.get $stride) (i32.const 2)))))
        (local.set $row1 (i32.add (local.get $rows) (i32.mul (local.get $id1) (i32.shr_u (local.get $stride) (i32.const 2)))))
        (local.set $row2 (i32.add (local.get $rows) (i32.mul (local.get $id2) (i32.shr_u (local.get $stride) (i32.const 2)))))
        (local.set $row3 (i32.add (local.get $rows) (i32.mul (local.get $id3) (i32.shr_u (local.get $stride) (i32.const 2)))))
        (local.set $acc0 (v128.const i32x4 0 0 0 0))
        (local.set $acc1 (v128.const i32x4 0 0 0 0))
        (local.set $acc2 (v128.const i32x4 0 0 0 0))
        (local.set $acc3 (v128.const i32x4 0 0 0 0))
        (local.set $k (i32.const 0))
        (loop $nextStep4
          (local.set $low (v128.load (i32.add (local.get $scratch) (i32.shl (local.get $k) (i32.const 1)))))
          (local.set $high
            (v128.load offset=16 (i32.add (local.get $scratch) (i32.shl (local.get $k) (i32.const 1)))))
          (local.set $v (v128.load (i32.add (local.get $row0) (local.get $k))))
          (local.set $acc0 (i32x4.add (local.get $acc0) (i32x4.add
            (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $v)) (local.get $low))
            (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $v)) (local.get $high)))))
          (local.set $v (v128.load (i32.add (local.get $row1) (local.get $k))))
          (local.set $acc1 (i32x4.add (local.get $acc1) (i32x4.add
            (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $v)) (local.get $low))
            (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $v)) (local.get $high)))))
          (local.set $v (v128.load (i32.add (local.get $row2) (local.get $k))))
          (local.set $acc2 (i32x4.add (local.get $acc2) (i32x4.add
            (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $v)) (local.get $low))
            (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $v)) (local.get $high)))))
          (local.set $v (v128.load (i32.add (local.get $row3) (local.get $k))))
          (local.set $acc3 (i32x4.add (local.get $acc3) (i32x4.add
            (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $v)) (local.get $low))
            (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $v)) (local.get $high)))))
          (br_if $nextStep4 (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 16))) (local.get $stride))))
        (local.set $acc0 (i32x4.add
          (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $acc0) (local.get $acc1))
          (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $acc0) (local.get $acc1))))
        (local.set $acc2 (i32x4.add
          (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $acc2) (local.get $acc3))
          (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $acc2) (local.get $acc3))))
        (local.set $acc0 (i32x4.add
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $acc0) (local.get $acc2))
          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $acc0) (local.get $acc2))))
        (local.set $scales (f32x4.splat (f32.load (i32.add (local.get $scale) (local.get $id0)))))
        (local.set $scales (f32x4.replace_lane 1 (local.get $scales) (f32.load (i32.add (local.get $scale) (local.get $id1)))))
        (local.set $scales (f32x4.replace_lane 2 (local.get $scales) (f32.load (i32.add (local.get $scale) (local.get $id2)))))
        (local.set $scales (f32x4.replace_lane 3 (local.get $scales) (f32.load (i32.add (local.get $scale) (local.get $id3)))))
        (local.set $biases (f32x4.splat (f32.load (i32.add (local.get $bias) (local.get $id0)))))
        (local.set $biases (f32x4.replace_lane 1 (local.get $biases) (f32.load (i32.add (local.get $bias) (local.get $id1)))))
        (local.set $biases (f32x4.replace_lane 2 (local.get $biases) (f32.load (i32.add (local.get $bias) (local.get $id2)))))
        (local.set $biases (f32x4.replace_lane 3 (local.get $biases) (f32.load (i32.add (local.get $bias) (local.get $id3)))))
        (local.set $close4 (f32x4.add
          (f32x4.mul (f32x4.mul (local.get $scales) (local.get $steps4)) (f32x4.convert_i32x4_s (local.get $acc0)))
          (local.get $biases)))
        (v128.store (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 2))) (local.get $close4))
        (local.set $better (v128.and (f32x4.lt (local.get $close4) (local.get $below4))
          (f32x4.gt (local.get $close4) (local.get $bestCloses))))
        (local.set $bestCloses (v128.bitselect (local.get $close4) (local.get $bestCloses) (local.get $better)))
        (local.set $bestLanes (v128.bitselect (local.get $lane) (local.get $bestLanes) (local.get $better)))
        (local.set $lane (i32x4.add (local.get $lane) (v128.const i32x4 4 4 4 4)))
        (local.set $r (i32.add (local.get $r) (i32.const 4)))
        (br $nextGroup)))
    ;; The lanes' bests, merged as the scalar pass would: the closest, the earliest row on a tie.
    (local.set $best (i32.const -1))
    (local.set $bestClose (f32.const -inf))
    (local.set $id0 (i32x4.extract_lane 0 (local.get $bestLanes)))
    (local.set $close (f32x4.extract_lane 0 (local.get $bestCloses)))
    (if (i32.and (i32.ge_s (local.get $id0) (i32.const 0))
          (i32.or (f32.gt (local.get $close) (local.get $bestClose))
            (i32.and (f32.eq (local.get $close) (local.get $bestClose)) (i32.lt_s (local.get $id0) (local.get $best)))))
      (then
        (local.set $best (local.get $id0))
        (local.set $bestClose (local.get $close))))
    (local.set $id0 (i32x4.extract_lane 1 (local.get $bestLanes)))
    (local.set $close (f32x4.extract_lane 1 (local.get $bestCloses)))
    (if (i32.and (i32.ge_s (local.get $id0) (i32.const 0))
          (i32.or (f32.gt (local.get $close) (local.get $bestClose))
            (i32.and (f32.eq (local.get $close) (local.get $bestClose)) (i32.lt_s (local.get $id0) (local.get $best)))))
      (then
        (local.set $best (local.get $id0))
        (local.set $bestClose (local.get $close))))
    (local.set $id0 (i32x4.extract_lane 2 (local.get $bestLanes)))
    (local.set $close (f32x4.extract_lane 2 (local.get $bestCloses)))
    (if (i32.and (i32.ge_s (local.get $id0) (i32.const 0))
          (i32.or (f32.gt (local.get $close) (local.get $bestClose))
            (i32.and (f32.eq (local.get $close) (local.get $bestClose)) (i32.lt_s (local.get $id0) (local.get $best)))))
      (then
        (local.set $best (local.get $id0))
        (local.set $bestClose (local.get $close))))
    (local.set $id0 (i32x4.extract_lane 3 (local.get $bestLanes)))
    (local.set $close (f32x4.extract_lane 3 (local.get $bestCloses)))
    (if (i32.and (i32.ge_s (local.get $id0) (i32.const 0))
          (i32.or (f32.gt (local.get $close) (local.get $bestClose))
            (i32.and (f32.eq (local.get $close) (local.get $bestClose)) (i32.lt_s (local.get $id0) (local.get $best)))))
      (then
        (local.set $best (local.get $id0))
        (local.set $bestClose (local.get $close))))

    (block $done
      (loop $nextRow
        (br_if $done (i32.ge_u (local.get $r) (local.get $count)))
        (local.set $id0 (i32.shl (i32.load (i32.add (local.get $ids) (i32.shl (local.get $r) (i32.const 2)))) (i32.const 2)))
        (local.set $row0 (i32.add (local.get $rows) (i32.mul (local.get $id0) (i32.shr_u (local.get $stride) (i32.const 2)))))
        (local.set $acc0 (v128.const i32x4 0 0 0 0))
        (local.set $acc1 (v128.const i32x4 0 0 0 0))
        (local.set $k (i32.const 0))
        (loop $nextStep
          (local.set $v (v128.load (i32.add (local.get $row0) (local.get $k))))
          (local.set $acc0 (i32x4.add (local.get $acc0) (i32x4.dot_i16x8_s
            (i16x8.extend_low_i8x16_s (local.get $v))
            (v128.load (i32.add (local.get $scratch) (i32.shl (local.get $k) (i32.const 1)))))))
          (local.set $acc1 (i32x4.add (local.get $acc1) (i32x4.dot_i16x8_s
            (i16x8.extend_high_i8x16_s (local.get $v))
            (v128.load offset=16 (i32.add (local.get $scratch) (i32.shl (local.get $k) (i32.const 1)))))))
          (br_if $nextStep (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 16))) (local.get $stride))))
        (local.set $acc0 (i32x4.add (local.get $acc0) (local.get $acc1)))
        (local.set $close
          (f32.add
            (f32.mul
              (f32.mul (f32.load (i32.add (local.get $scale) (local.get $id0))) (local.get $step))
              (f32.convert_i32_s (i32.add
                (i32.add (i32x4.extract_lane 0 (local.get $acc0)) (i32x4.extract_lane 1 (local.get $acc0)))
                (i32.add (i32x4.extract_lane 2 (local.get $acc0)) (i32x4.extract_lane 3 (local.get $acc0))))))
            (f32.load (i32.add (local.get $bias) (local.get $id0)))))
        (f32.store (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 2))) (local.get $close))
        (if (i32.and (f32.lt (local.get $close) (local.get $below))
              (f32.gt (local.get $close) (local.get $bestClose)))
          (then
            (local.set $best (local.get $r))
            (local.set $bestClose (local.get $close))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $nextRow)))
    (local.get $best))

  ;; `count` uniform items in [0, bound) into the i32s at `into`, from the sfc32 state (a, b, c, d) at
  ;; `state`, written back: the draws of SeededRandom.nextInt(bound) for bound < 2^21 (sfc32, then
  ;; floor(t / 2^32 · bound)), so the TypeScript stream continues where the kernel left it. The mirror draws
  ;; its W ids per pick here: a few instructions each instead of a call into JavaScript's generator per id.
  (func (export "drawItems") (param $state i32) (param $count i32) (param $bound i32) (param $into i32)
    (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $t i32) (local $r i32)
    (local $bound64 i64)
    (local.set $bound64 (i64.extend_i32_u (local.get $bound)))
    (local.set $a (i32.load (local.get $state)))
    (local.set $b (i32.load offset=4 (local.get $state)))
    (local.set $c (i32.load offset=8 (local.get $state)))
    (local.set $d (i32.load offset=12 (local.get $state)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $r) (local.get $count)))
        (local.set $t (i32.add (i32.add (local.get $a) (local.get $b)) (local.get $d)))
        (local.set $d (i32.add (local.get $d) (i32.const 1)))
        (local.set $a (i32.xor (local.get $b) (i32.shr_u (local.get $b) (i32.const 9))))
        (local.set $b (i32.add (local.get $c) (i32.shl (local.get $c) (i32.const 3))))
        (local.set $c (i32.add (i32.rotl (local.get $c) (i32.const 21)) (local.get $t)))
        ;; floor(t / 2^32 · bound) as the integer (t · bound) >> 32: for bound < 2^21 the f64 product is
        ;; exact (at most 53 significant bits), so both are the same draw, in four integer instructions
        ;; instead of a conversion, two f64 products and an unsigned truncation. (The mirror serves up to
        ;; 1,000,000 items.)
        (i32.store (i32.add (local.get $into) (i32.shl (local.get $r) (i32.const 2)))
          (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u (local.get $t)) (local.get $bound64))
            (i64.const 32))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $next)))
    (i32.store (local.get $state) (local.get $a))
    (i32.store offset=4 (local.get $state) (local.get $b))
    (i32.store offset=8 (local.get $state) (local.get $c))
    (i32.store offset=12 (local.get $state) (local.get $d)))

  ;; Quantises the anchor (dim f32 at `anchor`) to i16 at `scratch` (stride i16, zero-padded) with as
  ;; many levels as keep a row's i32 sum from overflowing (|q| <= levels, 127 · levels · stride < 2^31);
  ;; returns the step (q · step ≈ x). Four and eight lanes at a time while they last (once per pick, it was
  ;; a tenth of a pick's scoring one coordinate at a time); the lanes take the scalar operations (max, mul,
  ;; nearest, trunc_sat; |q| <= 32767, so the narrowing never saturates), so the bits are the same.
  (func $quantiseAnchor (param $anchor i32) (param $dim i32) (param $stride i32) (param $scratch i32)
    (result f32)
    (local $k i32) (local $max f32) (local $tops v128) (local $levels f32) (local $inv f32)
    (local $invs v128) (local $at i32)
    (block $last4
      (loop $next4
        (br_if $last4 (i32.gt_u (i32.add (local.get $k) (i32.const 4)) (local.get $dim)))
        (local.set $tops (f32x4.max (local.get $tops)
          (f32x4.abs (v128.load (i32.add (local.get $anchor) (i32.shl (local.get $k) (i32.const 2)))))))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $next4)))
    (local.set $max (f32.max
      (f32.max (f32x4.extract_lane 0 (local.get $tops)) (f32x4.extract_lane 1 (local.get $tops)))
      (f32.max (f32x4.extract_lane 2 (local.get $tops)) (f32x4.extract_lane 3 (local.get $tops)))))
    (block $last1
      (loop $next1
        (br_if $last1 (i32.ge_u (local.get $k) (local.get $dim)))
        (local.set $max (f32.max (local.get $max)
          (f32.abs (f32.load (i32.add (local.get $anchor) (i32.shl (local.get $k) (i32.const 2)))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next1)))
    (local.set $levels (f32.min (f32.const 32767)
      (f32.floor (f32.div (f32.const 16909320) (f32.convert_i32_u (local.get $stride))))))
    (local.set $inv (select (f32.div (local.get $levels) (local.get $max)) (f32.const 0)
      (f32.gt (local.get $max) (f32.const 0))))
    (local.set $invs (f32x4.splat (local.get $inv)))
    (local.set $k (i32.const 0))
    (block $last8
      (loop $next8
        (br_if $last8 (i32.gt_u (i32.add (local.get $k) (i32.const 8)) (local.get $dim)))
        (local.set $at (i32.add (local.get $anchor) (i32.shl (local.get $k) (i32.const 2))))
        (v128.store (i32.add (local.get $scratch) (i32.shl (local.get $k) (i32.const 1)))
          (i16x8.narrow_i32x4_s
            (i32x4.trunc_sat_f32x4_s (f32x4.nearest (f32x4.mul (local.get $invs) (v128.load (local.get $at)))))
            (i32x4.trunc_sat_f32x4_s
              (f32x4.nearest (f32x4.mul (local.get $invs) (v128.load offset=16 (local.get $at)))))))
        (local.set $k (i32.add (local.get $k) (i32.const 8)))
        (br $next8)))
    (block $quantised
      (loop $quantiseRest
        (br_if $quantised (i32.ge_u (local.get $k) (local.get $stride)))
        (i32.store16 (i32.add (local.get $scratch) (i32.shl (local.get $k) (i32.const 1)))
          (if (result i32) (i32.lt_u (local.get $k) (local.get $dim))
            (then (i32.trunc_sat_f32_s (f32.nearest (f32.mul (local.get $inv)
              (f32.load (i32.add (local.get $anchor) (i32.shl (local.get $k) (i32.const 2))))))))
            (else (i32.const 0))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $quantiseRest)))
    (f32.div (local.get $max) (local.get $levels)))
  
  ;; The sum of the 4 lanes of one accumulator.
  (func $lanes (param $s v128) (result f32)
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $s)) (f32x4.extract_lane 1 (local.get $s)))
      (f32.add (f32x4.extract_lane 2 (local.get $s)) (f32x4.extract_lane 3 (local.get $s))))))
