;; The candidate block of hardest-of-W negatives (see src/negatives/candidate-block.ts): each thread keeps
;; B uniform item rows copied contiguously into its own region of the table memory, and a pick scores a
;; slice of W consecutive entries against the user row. Scoring random rows of a table larger than the
;; caches waits ~100 ns per row on memory; contiguous rows that stay in cache cost a few ns, so the copy
;; (one random row read per entry, amortised over every pick that scores the entry) is what makes W = 128
;; candidates per pair affordable. Addresses are bytes in the imported memory; `offsets` holds i32 row
;; offsets in floats (row · dim), as the TypeScript side addresses rows.
(module
  ;; The tables' shared memory (the same module serves every worker thread).
  (import "env" "memory" (memory 1 65536 shared))

  ;; Copies `count` rows of `table` (at offsets[r]) to consecutive rows at `dst` (stride dim floats) and
  ;; writes each row's squared norm to norms[r]. A first pass loads one value per cache line of every
  ;; source row and destination line: a few instructions per line, so dozens of the random rows' misses are
  ;; in flight at once (the copy itself, ~5 instructions per 16 bytes, would fill the reorder buffer after
  ;; two or three rows and wait on each row's misses in turn); the copy then hits the cache.
  (func (export "copyRows")
    (param $table i32) (param $offsets i32) (param $count i32) (param $dim i32) (param $dst i32)
    (param $norms i32)
    (local $src i32) (local $k i32) (local $x v128) (local $sum v128) (local $tail f32) (local $e f32)
    (local $r i32) (local $line i32) (local $end i32) (local $touch i32)
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
    (local.set $end (i32.mul (local.get $end) (local.get $count)))
    (block $touchedDst
      (loop $touchDst
        (br_if $touchedDst (i32.ge_u (local.get $line) (local.get $end)))
        (local.set $touch (i32.add (local.get $touch) (i32.load (i32.add (local.get $dst) (local.get $line)))))
        (local.set $line (i32.add (local.get $line) (i32.const 64)))
        (br $touchDst)))
    ;; The touched values feed nothing; storing their sum (over the first norm, written again below) keeps
    ;; the loads from being dropped.
    (i32.store (local.get $norms) (local.get $touch))
    (block $done
      (loop $nextRow
        (br_if $done (i32.eqz (local.get $count)))
        (local.set $src (i32.add (local.get $table) (i32.shl (i32.load (local.get $offsets)) (i32.const 2))))
        (local.set $sum (v128.const i32x4 0 0 0 0))
        (local.set $tail (f32.const 0))
        (local.set $k (local.get $dim))
        (block $last4
          (loop $next4
            (br_if $last4 (i32.lt_u (local.get $k) (i32.const 4)))
            (local.set $x (v128.load (local.get $src)))
            (v128.store (local.get $dst) (local.get $x))
            (local.set $sum (f32x4.add (local.get $sum) (f32x4.mul (local.get $x) (local.get $x))))
            (local.set $src (i32.add (local.get $src) (i32.const 16)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
            (local.set $k (i32.sub (local.get $k) (i32.const 4)))
            (br $next4)))
        (block $last1
          (loop $next1
            (br_if $last1 (i32.eqz (local.get $k)))
            (local.set $e (f32.load (local.get $src)))
            (f32.store (local.get $dst) (local.get $e))
            (local.set $tail (f32.add (local.get $tail) (f32.mul (local.get $e) (local.get $e))))
            (local.set $src (i32.add (local.get $src) (i32.const 4)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
            (local.set $k (i32.sub (local.get $k) (i32.const 1)))
            (br $next1)))
        (f32.store (local.get $norms) (f32.add (call $lanes (local.get $sum)) (local.get $tail)))
        (local.set $offsets (i32.add (local.get $offsets) (i32.const 4)))
        (local.set $norms (i32.add (local.get $norms) (i32.const 4)))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $nextRow))))

  ;; Closeness of `count` consecutive block rows (from `rows`, stride dim floats) to the anchor:
  ;; out[r] = scale[r] · (anchor · row_r) + bias[r] (larger = closer; the block stores scale and bias per
  ;; entry so one sum serves every geometry; written out inline for each row: a call per row costs more
  ;; than the row). Returns the index of the closest row whose closeness is below
  ;; `below` (+inf for hardest-of-W; the positive's closeness for semi-hard), or -1 when there is none.
  ;; With a dim that is a multiple of 4, rows go four at a time (one accumulator each, the anchor's four
  ;; floats loaded once for the four rows); other rows and dims go one at a time.
  (func (export "closestRows")
    (param $anchor i32) (param $rows i32) (param $scale i32) (param $bias i32) (param $count i32)
    (param $dim i32) (param $out i32) (param $below f32) (result i32)
    (local $r i32) (local $a i32) (local $k i32) (local $av v128) (local $rowBytes i32)
    (local $row0 i32) (local $row1 i32) (local $row2 i32) (local $row3 i32)
    (local $sum0 v128) (local $sum1 v128) (local $sum2 v128) (local $sum3 v128)
    (local $tail f32) (local $close f32) (local $best i32) (local $bestClose f32) (local $at i32)
    (local.set $rowBytes (i32.shl (local.get $dim) (i32.const 2)))
    (if (i32.eqz (i32.and (local.get $dim) (i32.const 3)))
      (then
        (block $lastGroup
          (loop $nextGroup
            (br_if $lastGroup (i32.gt_u (i32.add (local.get $r) (i32.const 4)) (local.get $count)))
            (local.set $row0 (i32.add (local.get $rows) (i32.mul (local.get $r) (local.get $rowBytes))))
            (local.set $row1 (i32.add (local.get $row0) (local.get $rowBytes)))
            (local.set $row2 (i32.add (local.get $row1) (local.get $rowBytes)))
            (local.set $row3 (i32.add (local.get $row2) (local.get $rowBytes)))
            (local.set $a (local.get $anchor))
            (local.set $sum0 (v128.const i32x4 0 0 0 0))
            (local.set $sum1 (v128.const i32x4 0 0 0 0))
            (local.set $sum2 (v128.const i32x4 0 0 0 0))
            (local.set $sum3 (v128.const i32x4 0 0 0 0))
            (local.set $k (local.get $dim))
            (loop $nextStep
              (local.set $av (v128.load (local.get $a)))
              (local.set $sum0 (f32x4.add (local.get $sum0) (f32x4.mul (local.get $av) (v128.load (local.get $row0)))))
              (local.set $sum1 (f32x4.add (local.get $sum1) (f32x4.mul (local.get $av) (v128.load (local.get $row1)))))
              (local.set $sum2 (f32x4.add (local.get $sum2) (f32x4.mul (local.get $av) (v128.load (local.get $row2)))))
              (local.set $sum3 (f32x4.add (local.get $sum3) (f32x4.mul (local.get $av) (v128.load (local.get $row3)))))
              (local.set $a (i32.add (local.get $a) (i32.const 16)))
              (local.set $row0 (i32.add (local.get $row0) (i32.const 16)))
              (local.set $row1 (i32.add (local.get $row1) (i32.const 16)))
              (local.set $row2 (i32.add (local.get $row2) (i32.const 16)))
              (local.set $row3 (i32.add (local.get $row3) (i32.const 16)))
              (br_if $nextStep (local.tee $k (i32.sub (local.get $k) (i32.const 4)))))
            (local.set $at (i32.shl (local.get $r) (i32.const 2)))
            (f32.store (i32.add (local.get $out) (local.get $at)) (f32.add
              (f32.mul (f32.load (i32.add (local.get $scale) (local.get $at)))
                (f32.add
                  (f32.add (f32x4.extract_lane 0 (local.get $sum0)) (f32x4.extract_lane 1 (local.get $sum0)))
                  (f32.add (f32x4.extract_lane 2 (local.get $sum0)) (f32x4.extract_lane 3 (local.get $sum0)))))
              (f32.load (i32.add (local.get $bias) (local.get $at)))))
            (local.set $at (i32.add (local.get $at) (i32.const 4)))
            (f32.store (i32.add (local.get $out) (local.get $at)) (f32.add
              (f32.mul (f32.load (i32.add (local.get $scale) (local.get $at)))
                (f32.add
                  (f32.add (f32x4.extract_lane 0 (local.get $sum1)) (f32x4.extract_lane 1 (local.get $sum1)))
                  (f32.add (f32x4.extract_lane 2 (local.get $sum1)) (f32x4.extract_lane 3 (local.get $sum1)))))
              (f32.load (i32.add (local.get $bias) (local.get $at)))))
            (local.set $at (i32.add (local.get $at) (i32.const 4)))
            (f32.store (i32.add (local.get $out) (local.get $at)) (f32.add
              (f32.mul (f32.load (i32.add (local.get $scale) (local.get $at)))
                (f32.add
                  (f32.add (f32x4.extract_lane 0 (local.get $sum2)) (f32x4.extract_lane 1 (local.get $sum2)))
                  (f32.add (f32x4.extract_lane 2 (local.get $sum2)) (f32x4.extract_lane 3 (local.get $sum2)))))
              (f32.load (i32.add (local.get $bias) (local.get $at)))))
            (local.set $at (i32.add (local.get $at) (i32.const 4)))
            (f32.store (i32.add (local.get $out) (local.get $at)) (f32.add
              (f32.mul (f32.load (i32.add (local.get $scale) (local.get $at)))
                (f32.add
                  (f32.add (f32x4.extract_lane 0 (local.get $sum3)) (f32x4.extract_lane 1 (local.get $sum3)))
                  (f32.add (f32x4.extract_lane 2 (local.get $sum3)) (f32x4.extract_lane 3 (local.get $sum3)))))
              (f32.load (i32.add (local.get $bias) (local.get $at)))))
            (local.set $r (i32.add (local.get $r) (i32.const 4)))
            (br $nextGroup)))))
    ;; The rows left (and every row of a dim that is not a multiple of 4), one at a time.
    (block $done
      (loop $nextRow
        (br_if $done (i32.ge_u (local.get $r) (local.get $count)))
        (local.set $row0 (i32.add (local.get $rows) (i32.mul (local.get $r) (local.get $rowBytes))))
        (local.set $a (local.get $anchor))
        (local.set $sum0 (v128.const i32x4 0 0 0 0))
        (local.set $tail (f32.const 0))
        (local.set $k (local.get $dim))
        (block $last4
          (loop $next4
            (br_if $last4 (i32.lt_u (local.get $k) (i32.const 4)))
            (local.set $sum0 (f32x4.add (local.get $sum0)
              (f32x4.mul (v128.load (local.get $a)) (v128.load (local.get $row0)))))
            (local.set $a (i32.add (local.get $a) (i32.const 16)))
            (local.set $row0 (i32.add (local.get $row0) (i32.const 16)))
            (local.set $k (i32.sub (local.get $k) (i32.const 4)))
            (br $next4)))
        (block $last1
          (loop $next1
            (br_if $last1 (i32.eqz (local.get $k)))
            (local.set $tail (f32.add (local.get $tail)
              (f32.mul (f32.load (local.get $a)) (f32.load (local.get $row0)))))
            (local.set $a (i32.add (local.get $a) (i32.const 4)))
            (local.set $row0 (i32.add (local.get $row0) (i32.const 4)))
            (local.set $k (i32.sub (local.get $k) (i32.const 1)))
            (br $next1)))
        (local.set $at (i32.shl (local.get $r) (i32.const 2)))
        (local.set $sum0 (f32x4.replace_lane 0 (local.get $sum0)
          (f32.add (f32x4.extract_lane 0 (local.get $sum0)) (local.get $tail))))
        (f32.store (i32.add (local.get $out) (local.get $at)) (f32.add
              (f32.mul (f32.load (i32.add (local.get $scale) (local.get $at)))
                (f32.add
                  (f32.add (f32x4.extract_lane 0 (local.get $sum0)) (f32x4.extract_lane 1 (local.get $sum0)))
                  (f32.add (f32x4.extract_lane 2 (local.get $sum0)) (f32x4.extract_lane 3 (local.get $sum0)))))
              (f32.load (i32.add (local.get $bias) (local.get $at)))))
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

  ;; The sum of the 4 lanes of one accumulator.
  (func $lanes (param $s v128) (result f32)
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $s)) (f32x4.extract_lane 1 (local.get $s)))
      (f32.add (f32x4.extract_lane 2 (local.get $s)) (f32x4.extract_lane 3 (local.get $s))))))
